from __future__ import annotations

import asyncpg

from stacks.settings import Settings


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    # timeout here bounds establishing each connection; acquire timeouts are set per call site
    return await asyncpg.create_pool(
        settings.asyncpg_dsn,
        min_size=settings.asyncpg_min_size,
        max_size=settings.asyncpg_max_size,
        timeout=10,
        command_timeout=30,
    )


ACQUIRE_TIMEOUT_S = 5.0
