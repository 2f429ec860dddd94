"""Raw asyncpg access for the high-volume position tables."""
from __future__ import annotations

from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import asyncpg

from fleetwise.settings import get_settings

ACQUIRE_TIMEOUT = 5.0


async def create_pg_pool() -> asyncpg.Pool:
    settings = get_settings()
    return await asyncpg.create_pool(
        settings.pg_dsn,
        min_size=2,
        max_size=20,
        timeout=10,
        command_timeout=30,
    )


@asynccontextmanager
async def connection(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    async with pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
        yield conn
