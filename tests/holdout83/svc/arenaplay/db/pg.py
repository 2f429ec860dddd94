from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from arenaplay.settings import Settings

logger = logging.getLogger(__name__)


class PgPool:
    """Thin wrapper over the asyncpg pool used by the raw-SQL repositories."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        self._pool = await asyncpg.create_pool(
            self._settings.pg_dsn,
            min_size=self._settings.pg_pool_min,
            max_size=self._settings.pg_pool_max,
            timeout=self._settings.pg_connect_timeout,
            command_timeout=15,
        )
        logger.info("asyncpg pool ready (max=%d)", self._settings.pg_pool_max)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    @property
    def raw(self) -> asyncpg.Pool:
        assert self._pool is not None, "pool not opened"
        return self._pool

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.raw.acquire(timeout=self._settings.pg_acquire_timeout) as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.connection() as conn:
            async with conn.transaction():
                yield conn

    async def ping(self) -> bool:
        async with self.connection() as conn:
            return await conn.fetchval("SELECT 1") == 1
