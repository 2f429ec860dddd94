"""Raw-SQL repositories sharing one pool; connections come from a typed acquire helper."""
from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from uuid import UUID

import asyncpg
from asyncpg.pool import PoolAcquireContext


class PgRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 5.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    def _conn(self) -> PoolAcquireContext:
        return self._pool.acquire(timeout=self._acquire_timeout)

    def _reader(self) -> AbstractAsyncContextManager[asyncpg.Connection]:
        return self._pool.acquire(timeout=self._acquire_timeout)


class AccountRepository(PgRepository):
    async def get_by_id(self, account_id: UUID) -> asyncpg.Record | None:
        async with self._conn() as conn:
            return await conn.fetchrow("SELECT id, owner, plan FROM accounts WHERE id = $1", account_id)

    async def get_many(self, account_ids: list[UUID]) -> dict[UUID, asyncpg.Record]:
        async with self._conn() as conn:
            rows = await conn.fetch("SELECT id, owner, plan FROM accounts WHERE id = ANY($1::uuid[])", account_ids)
        return {row["id"]: row for row in rows}

    async def balance(self, account_id: UUID) -> int:
        async with self._reader() as conn:
            return await conn.fetchval("SELECT balance_cents FROM balances WHERE account_id = $1", account_id)
