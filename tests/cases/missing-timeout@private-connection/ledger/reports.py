"""Nightly ledger reports read over a private connection; the API shares a pool."""
from __future__ import annotations

import asyncpg


async def closing_balances(dsn: str, day) -> dict[int, float]:
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        rows = await conn.fetch("SELECT account_id, balance FROM closing WHERE day = $1", day)
    finally:
        await conn.close()
    return {r["account_id"]: r["balance"] for r in rows}


async def open_pool(dsn: str) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn, timeout=10, min_size=2, max_size=10)  # expect: missing-timeout


async def balance(pool: asyncpg.Pool, account_id: int) -> float:
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetchval("SELECT balance FROM accounts WHERE id = $1", account_id)
