"""Raw asyncpg access for the high-volume tables (exposures, conversions)."""
from __future__ import annotations

from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import asyncpg

from ..settings import Settings


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    # `timeout` here bounds establishing each connection; acquires are bounded separately.
    return await asyncpg.create_pool(
        dsn=settings.asyncpg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
        max_inactive_connection_lifetime=300,
    )


@asynccontextmanager
async def connection(pool: asyncpg.Pool, timeout: float = 5.0) -> AsyncIterator[asyncpg.Connection]:
    async with pool.acquire(timeout=timeout) as conn:
        yield conn
