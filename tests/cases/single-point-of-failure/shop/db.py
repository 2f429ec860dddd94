"""The shop database pool."""
import asyncpg

from shop.settings import DATABASE_URL


async def open_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(DATABASE_URL, min_size=2, max_size=10, command_timeout=10)  # expect: single-point-of-failure
