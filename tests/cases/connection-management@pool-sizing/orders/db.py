"""The orders database pool, one per process."""
import asyncpg

from orders import settings


async def open_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(  # expect: connection-management
        settings.DATABASE_URL,
        min_size=settings.DB_POOL_MIN_SIZE,
        max_size=settings.DB_POOL_MAX_SIZE,
        command_timeout=10,
    )
