"""Analytics pool; the platform decides how many web processes run."""
import os

import asyncpg

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app:app@postgres:5432/analytics")


async def open_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(DATABASE_URL, min_size=4, max_size=40)
