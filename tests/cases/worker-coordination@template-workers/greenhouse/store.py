import asyncpg
from redis.asyncio import Redis

redis = Redis.from_url("redis://cache", socket_timeout=2)
_pool: asyncpg.Pool | None = None


async def pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool("postgresql://gh@db/greenhouse", command_timeout=10)
    return _pool


async def dry_beds() -> list[asyncpg.Record]:
    return await (await pool()).fetch("SELECT id, zone FROM beds WHERE moisture < 0.2")


async def log_watering(bed_id: int) -> None:
    await (await pool()).execute("INSERT INTO waterings (bed_id, at) VALUES ($1, now())", bed_id)
