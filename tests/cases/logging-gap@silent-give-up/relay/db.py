import asyncpg

_pool: asyncpg.Pool | None = None


async def connect(dsn: str) -> None:
    global _pool
    _pool = await asyncpg.create_pool(dsn, command_timeout=10)


async def execute(sql: str, *args) -> str:
    return await _pool.execute(sql, *args)


async def fetchrow(sql: str, *args):
    return await _pool.fetchrow(sql, *args)


async def fetch(sql: str, *args) -> list:
    return await _pool.fetch(sql, *args)
