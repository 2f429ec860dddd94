"""Reports read through PgBouncer (transaction pooling, see docker-compose.yml), so this pool
is not what PostgreSQL sees."""
import os

import asyncpg

REPORTS_DATABASE_URL = os.environ["REPORTS_DATABASE_URL"]


async def open_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(REPORTS_DATABASE_URL, min_size=2, max_size=50, statement_cache_size=0)
