"""asyncpg pool for the high-volume realtime tables."""
from __future__ import annotations

import json
import logging

import asyncpg

from transit.config import Settings

logger = logging.getLogger(__name__)


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def create_pool(settings: Settings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn=settings.database_url,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        command_timeout=settings.db_command_timeout,
        max_inactive_connection_lifetime=300,
        init=_init_connection,
    )
    logger.info("asyncpg pool ready (min=%s max=%s)", settings.db_pool_min, settings.db_pool_max)
    return pool


class Database:
    """Thin holder so repositories share one pool and one acquire policy."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    def connection(self):
        return self.pool.acquire(timeout=self.acquire_timeout)

    async def fetch(self, query: str, *args) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetch(query, *args)

    async def fetchrow(self, query: str, *args) -> asyncpg.Record | None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchrow(query, *args)

    async def execute(self, query: str, *args) -> str:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.execute(query, *args)

    async def executemany(self, query: str, rows: list[tuple]) -> None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            await conn.executemany(query, rows)

    async def close(self) -> None:
        await self.pool.close()
