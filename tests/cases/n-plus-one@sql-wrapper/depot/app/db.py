"""A thin wrapper over the asyncpg pool that every repository uses."""
from __future__ import annotations

from typing import Any

import asyncpg


class Database:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(query, *args)

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow(query, *args)

    async def run(self, sql: str, *args: Any) -> asyncpg.Record | None:
        return await self.fetchrow(sql, *args)
