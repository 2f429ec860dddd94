"""asyncpg pool used by the raw-SQL repositories."""

from __future__ import annotations

import asyncpg

from svc.config import Settings


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.pg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=settings.pg_command_timeout,
        max_inactive_connection_lifetime=300,
    )
