from __future__ import annotations

import asyncpg
from fastapi import FastAPI

from wallet.locks import LockRepo
from wallet.repo import BalanceRepo

app = FastAPI()
repo = BalanceRepo(asyncpg.create_pool("postgresql://wallet"))  # type: ignore[arg-type]
locks = LockRepo(None)  # type: ignore[arg-type]


@app.post("/accounts/{account_id}/top-up")
async def top_up(account_id: int, amount: int) -> dict:
    current = await repo.get(account_id)  # expect: race-condition
    new_amount = current.amount + amount
    await repo.set_amount(account_id, new_amount)
    return {"amount": new_amount}


@app.post("/accounts/{account_id}/credit")
async def credit(account_id: int, amount: int) -> dict:
    await repo.add(account_id, amount)
    current = await repo.get(account_id)
    return {"amount": current.amount}


@app.post("/accounts/{account_id}/rename")
async def reset(account_id: int, amount: int) -> dict:
    current = await repo.get(account_id)
    await repo.set_amount(account_id, amount)
    return {"was": current.amount}


@app.post("/accounts/{account_id}/extend")
async def extend(account_id: int, days: int) -> dict:
    lock = await locks.active_for(account_id)  # expect: race-condition
    if lock is None:
        return {"ok": False}
    await locks.set_extension(lock.id, lock.expires_at, lock.extension_count + 1)
    return {"ok": True}
