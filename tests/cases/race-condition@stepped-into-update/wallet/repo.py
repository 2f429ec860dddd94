"""Balances table access."""
from __future__ import annotations

import asyncpg


class BalanceRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, account_id: int) -> asyncpg.Record:
        return await self._pool.fetchrow("SELECT account_id, amount FROM balances WHERE account_id = $1", account_id)

    async def get_for_update(self, conn: asyncpg.Connection, account_id: int) -> asyncpg.Record:
        return await conn.fetchrow("SELECT account_id, amount FROM balances WHERE account_id = $1 FOR UPDATE",
                                   account_id)

    async def set_amount(self, account_id: int, amount: int) -> None:
        await self._pool.execute("UPDATE balances SET amount = $2 WHERE account_id = $1", account_id, amount)

    async def add(self, account_id: int, delta: int) -> None:
        await self._pool.execute("UPDATE balances SET amount = amount + $2 WHERE account_id = $1", account_id, delta)
