import asyncpg


async def fetch_policy(pool: asyncpg.Pool, policy_id: int) -> asyncpg.Record:
    return await pool.fetchrow("SELECT * FROM policies WHERE id = $1", policy_id)


async def fetch_holder(pool: asyncpg.Pool, holder_id: int) -> asyncpg.Record:
    return await pool.fetchrow("SELECT * FROM holders WHERE id = $1", holder_id)
