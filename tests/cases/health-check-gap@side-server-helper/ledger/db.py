import asyncpg

pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global pool
    pool = await asyncpg.create_pool("postgresql://ledger@db/ledger", command_timeout=5)
    return pool
