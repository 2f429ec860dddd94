"""A pool made once by a lazy getter, and a connection opened per request beside it."""
import asyncpg
from fastapi import APIRouter

router = APIRouter()
_pool: asyncpg.Pool | None = None


async def init_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool("postgresql://shop@db/shop", min_size=1, max_size=5, timeout=5)
    return _pool


@router.get("/views/{lesson_id}")
async def views(lesson_id: int) -> int:
    pool = await init_pool()
    async with pool.acquire(timeout=3) as conn:
        return await conn.fetchval("SELECT count(*) FROM views WHERE lesson_id = $1", lesson_id)


@router.get("/daily/{day}")
async def daily(day: str) -> list:
    conn = await asyncpg.connect("postgresql://shop@db/shop", timeout=5)  # expect: connection-management
    try:
        return await conn.fetch("SELECT day, total FROM daily_rollups WHERE day = $1", day)
    finally:
        await conn.close()
