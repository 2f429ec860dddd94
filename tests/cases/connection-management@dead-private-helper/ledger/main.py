"""Ledger API."""
import asyncpg
from fastapi import FastAPI

from ledger.repository import LedgerRepository

app = FastAPI()
state: dict[str, LedgerRepository] = {}


@app.on_event("startup")
async def startup() -> None:
    state["ledger"] = LedgerRepository(await asyncpg.create_pool("postgresql://ledger@db/ledger", max_size=10))


@app.get("/accounts/{account_id}/balance")
async def balance(account_id: int) -> dict:
    return {"balance": await state["ledger"].balance(account_id)}
