"""Raw asyncpg access to the materialised home feeds (feed_items)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import asyncpg


INSERT_ONE = """
INSERT INTO feed_items (user_id, post_id, author_id, score)
VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, post_id) DO NOTHING
"""

INSERT_MANY = """
INSERT INTO feed_items (user_id, post_id, author_id, score)
SELECT u, $2, $3, $4 FROM unnest($1::bigint[]) AS u
ON CONFLICT (user_id, post_id) DO NOTHING
"""


async def push(pool: asyncpg.Pool, user_id: int, post_id: int, author_id: int, score: float) -> None:
    await pool.execute(INSERT_ONE, user_id, post_id, author_id, score)


async def push_bulk(
    pool: asyncpg.Pool, user_ids: Sequence[int], post_id: int, author_id: int, score: float
) -> None:
    async with pool.acquire(timeout=5) as conn:
        await conn.execute(INSERT_MANY, list(user_ids), post_id, author_id, score)


async def page(pool: asyncpg.Pool, user_id: int, before_score: float | None, limit: int) -> list[asyncpg.Record]:
    if before_score is None:
        return await pool.fetch(
            "SELECT post_id, author_id, score FROM feed_items WHERE user_id = $1 ORDER BY score DESC LIMIT $2",
            user_id,
            limit,
        )
    return await pool.fetch(
        "SELECT post_id, author_id, score FROM feed_items"
        " WHERE user_id = $1 AND score < $2 ORDER BY score DESC LIMIT $3",
        user_id,
        before_score,
        limit,
    )


async def trim_feed(pool: asyncpg.Pool, user_id: int, keep: int) -> int:
    conn = await pool.acquire()
    status = await conn.execute(
        """
        DELETE FROM feed_items
         WHERE user_id = $1
           AND post_id NOT IN (
               SELECT post_id FROM feed_items WHERE user_id = $1 ORDER BY score DESC LIMIT $2)
        """,
        user_id,
        keep,
    )
    await pool.release(conn)
    return int(status.split()[-1])


async def remove_author(pool: asyncpg.Pool, user_id: int, author_id: int) -> None:
    await pool.execute("DELETE FROM feed_items WHERE user_id = $1 AND author_id = $2", user_id, author_id)


async def remove_post_everywhere(pool: asyncpg.Pool, post_id: int) -> None:
    async with pool.acquire(timeout=5) as conn, conn.transaction():
        await conn.execute("DELETE FROM feed_items WHERE post_id = $1", post_id)


async def save_snapshot(pool: asyncpg.Pool, window_h: int, entries: list[dict]) -> None:
    await pool.execute(
        "INSERT INTO trending_snapshots (window_h, entries) VALUES ($1, $2::jsonb)",
        window_h,
        json.dumps(entries),
    )


async def latest_snapshot(pool: asyncpg.Pool) -> list[dict]:
    row = await pool.fetchrow("SELECT entries FROM trending_snapshots ORDER BY computed_at DESC LIMIT 1")
    return json.loads(row["entries"]) if row else []


async def prune(pool: asyncpg.Pool, keep_hours: int = 72) -> None:
    await pool.execute(
        "DELETE FROM trending_snapshots WHERE computed_at < now() - make_interval(hours => $1)", keep_hours
    )
