"""Raw asyncpg pool for the hot tables (translation memory, usage events, webhook deliveries)."""
from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from glossa.settings import Settings


async def _init_connection(conn: asyncpg.Connection) -> None:
    for typename in ("json", "jsonb"):
        await conn.set_type_codec(typename, encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.raw_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
        max_inactive_connection_lifetime=300,
        init=_init_connection,
    )


@asynccontextmanager
async def connection(pool: asyncpg.Pool, timeout: float = 5.0) -> AsyncIterator[asyncpg.Connection]:
    async with pool.acquire(timeout=timeout) as conn:
        yield conn
