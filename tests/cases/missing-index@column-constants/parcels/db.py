"""The asyncpg pool the repositories borrow connections from."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg


class Database:
    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None

    async def connect(self, dsn: str) -> None:
        self._pool = await asyncpg.create_pool(dsn, min_size=1, max_size=10)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        assert self._pool is not None
        async with self._pool.acquire() as conn:
            yield conn


db = Database()
