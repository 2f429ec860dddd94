from __future__ import annotations

import asyncpg

from arenaops.settings import Settings


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    # `timeout` here is the connect timeout; statements are bounded by command_timeout.
    return await asyncpg.create_pool(
        settings.asyncpg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=30,
    )
