"""Swipes live in a plain table written through asyncpg; it is the hottest write path."""
from __future__ import annotations

import asyncpg

from ..db import pg_connection

LIKE_DIRECTIONS = ("like", "superlike")


class SwipeRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, swiper_id: int, swiped_id: int, direction: str) -> None:
        async with pg_connection(self._pool) as conn:
            await conn.execute(
                """
                INSERT INTO swipes (swiper_id, swiped_id, direction, created_at)
                VALUES ($1, $2, $3, now())
                ON CONFLICT (swiper_id, swiped_id)
                DO UPDATE SET direction = EXCLUDED.direction, created_at = EXCLUDED.created_at
                """,
                swiper_id,
                swiped_id,
                direction,
            )

    async def has_liked(self, swiper_id: int, swiped_id: int) -> bool:
        async with pg_connection(self._pool) as conn:
            row = await conn.fetchval(
                "SELECT 1 FROM swipes WHERE swiper_id = $1 AND swiped_id = $2 AND direction = ANY($3::text[])",
                swiper_id,
                swiped_id,
                list(LIKE_DIRECTIONS),
            )
        return row is not None

    async def swiped_ids(self, swiper_id: int) -> set[int]:
        async with pg_connection(self._pool) as conn:
            rows = await conn.fetch("SELECT swiped_id FROM swipes WHERE swiper_id = $1", swiper_id)
        return {row["swiped_id"] for row in rows}

    async def likes_received(self, user_id: int, limit: int) -> list[asyncpg.Record]:
        async with pg_connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT swiper_id, direction, created_at FROM swipes WHERE swiped_id = $1 AND direction <> 'pass' "
                "ORDER BY created_at DESC LIMIT $2",
                user_id,
                limit,
            )

    async def received_counts(self, user_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        async with pg_connection(self._pool) as conn:
            for direction in ("like", "superlike", "pass"):
                counts[direction] = await conn.fetchval("SELECT count(*) FROM swipes WHERE swiped_id = $1 AND direction = $2", user_id, direction)
        return counts

    async def undo_last(self, swiper_id: int) -> int | None:
        conn = await self._pool.acquire(timeout=5)
        tx = conn.transaction()
        await tx.start()
        row = await conn.fetchrow(
            "SELECT swiped_id FROM swipes WHERE swiper_id = $1 ORDER BY created_at DESC LIMIT 1 FOR UPDATE",
            swiper_id,
        )
        if row is None:
            await tx.rollback()
            await self._pool.release(conn)
            return None
        await conn.execute("DELETE FROM swipes WHERE swiper_id = $1 AND swiped_id = $2", swiper_id, row["swiped_id"])
        await tx.commit()
        await self._pool.release(conn)
        return row["swiped_id"]
