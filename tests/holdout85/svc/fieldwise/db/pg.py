"""Raw asyncpg pool for the high-volume sensor tables."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import AsyncIterator

import asyncpg

from fieldwise.settings import get_settings


class PgPool:
    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        s = get_settings()
        self._pool = await asyncpg.create_pool(
            dsn=s.pg_dsn,
            min_size=s.pg_pool_min,
            max_size=s.pg_pool_max,
            timeout=10,
            command_timeout=30,
        )

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("pg pool not opened")
        return self._pool

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        timeout = get_settings().pg_acquire_timeout_s
        async with self.pool.acquire(timeout=timeout) as conn:
            yield conn


pg = PgPool()
