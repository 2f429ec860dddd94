from __future__ import annotations

from decimal import Decimal

import asyncpg
from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from billing import repo
from billing.models import StoredFile

app = FastAPI()
QUOTA = 5 * 1024 * 1024 * 1024


async def get_session() -> AsyncSession:
    raise NotImplementedError


async def get_pool() -> asyncpg.Pool:
    raise NotImplementedError


@app.post("/workspaces/{workspace_id}/files")
async def add_file(workspace_id: int, name: str, size: int, session: AsyncSession = Depends(get_session)) -> dict:
    used = await repo.bytes_used(session, workspace_id)
    if used + size > QUOTA:  # expect: race-condition
        raise HTTPException(413, "storage quota exceeded")
    session.add(StoredFile(workspace_id=workspace_id, name=name, size=size))
    await session.commit()
    return {"stored": name}


@app.post("/orders/{order_id}/refunds")
async def refund(order_id: int, amount: Decimal, pool: asyncpg.Pool = Depends(get_pool)) -> dict:
    async with pool.acquire() as conn:
        paid = await conn.fetchval("SELECT total FROM orders WHERE id = $1", order_id)
        refunded = await conn.fetchval("SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_id = $1", order_id)
        if refunded + amount > paid:  # expect: race-condition
            raise HTTPException(409, "refund exceeds the amount paid")
        await conn.execute("INSERT INTO refunds (order_id, amount) VALUES ($1, $2)", order_id, amount)
    return {"refunded": str(amount)}


@app.post("/workspaces/{workspace_id}/files/locked")
async def add_file_locked(workspace_id: int, name: str, size: int,
                          session: AsyncSession = Depends(get_session)) -> dict:
    workspace = await repo.lock_workspace(session, workspace_id)
    if workspace is None:
        raise HTTPException(404, "no such workspace")
    used = await repo.bytes_used(session, workspace_id)
    if used + size > workspace.storage_quota:
        raise HTTPException(413, "storage quota exceeded")
    session.add(StoredFile(workspace_id=workspace_id, name=name, size=size))
    await session.commit()
    return {"stored": name}
