import asyncpg


async def fetch_rows(pool: asyncpg.Pool, sql: str, *args) -> list[dict]:
    async with pool.acquire() as conn:
        return [dict(r) for r in await conn.fetch(sql, *args)]
