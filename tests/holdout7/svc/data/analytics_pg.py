from __future__ import annotations

import asyncpg

from svc.config import get_settings

_pool: asyncpg.Pool | None = None


async def init_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(
            get_settings().analytics_dsn, min_size=2, max_size=10, timeout=5, command_timeout=15
        )
    return _pool


async def record_view(user_id: int, lesson_id: int, seconds: int) -> None:
    pool = await init_pool()
    async with pool.acquire(timeout=3) as conn:
        await conn.execute(
            "INSERT INTO lesson_views (user_id, lesson_id, seconds) VALUES ($1, $2, $3)",
            user_id,
            lesson_id,
            seconds,
        )


async def watch_time_for(user_ids: list[int]) -> dict[int, int]:
    pool = await init_pool()
    async with pool.acquire(timeout=3) as conn:
        rows = await conn.fetch(
            "SELECT user_id, sum(seconds) AS total FROM lesson_views WHERE user_id = ANY($1) GROUP BY user_id",
            user_ids,
        )
    return {row["user_id"]: row["total"] for row in rows}


async def top_lessons(course_id: int) -> list[asyncpg.Record]:
    pool = await init_pool()
    conn = await pool.acquire()
    rows = await conn.fetch(
        "SELECT lesson_id, count(*) AS views FROM lesson_views WHERE course_id = $1 "
        "GROUP BY lesson_id ORDER BY views DESC LIMIT 10",
        course_id,
    )
    await pool.release(conn)
    return rows


async def daily_report(day: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(get_settings().analytics_dsn, timeout=5)
    try:
        return await conn.fetch("SELECT * FROM daily_rollups WHERE day = $1", day)
    finally:
        await conn.close()
