import asyncpg

pool: asyncpg.Pool | None = None


async def get_pool() -> asyncpg.Pool:
    global pool
    if pool is None:
        pool = await asyncpg.create_pool("postgresql://kennel@db/kennel", command_timeout=10)
    return pool
