"""Connection pool shared by the fleet workers."""
import asyncpg

pool: asyncpg.Pool | None = None


async def open_pool(dsn: str) -> None:
    global pool
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=5)
