"""Raw SQL access to listen events and the daily rollups."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import asyncpg

from svc.db import pg

INSERT_EVENT = """
INSERT INTO listen_events
    (episode_id, show_id, listener_key, user_agent, country, bytes_served, listen_seconds, occurred_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""


async def insert_events(rows: Iterable[tuple]) -> int:
    rows = list(rows)
    if not rows:
        return 0
    async with pg.pool().acquire(timeout=5) as conn:
        await conn.executemany(INSERT_EVENT, rows)
    return len(rows)


async def recent_events_for_episode(episode_id: int, since: dt.datetime) -> list[asyncpg.Record]:
    async with pg.pool().acquire() as conn:
        return await conn.fetch(
            "SELECT listener_key, country, user_agent, listen_seconds, occurred_at FROM listen_events "
            "WHERE episode_id = $1 AND occurred_at >= $2 ORDER BY occurred_at DESC LIMIT 5000",
            episode_id,
            since,
        )


async def show_events_between(show_id: int, start: dt.datetime, end: dt.datetime) -> list[asyncpg.Record]:
    async with pg.pool().acquire(timeout=5) as conn:
        return await conn.fetch(
            "SELECT episode_id, listener_key, listen_seconds FROM listen_events "
            "WHERE show_id = $1 AND occurred_at >= $2 AND occurred_at < $3",
            show_id,
            start,
            end,
        )


async def daily_downloads(episode_id: int, days: int = 30) -> list[asyncpg.Record]:
    async with pg.pool().acquire(timeout=5) as conn:
        return await conn.fetch(
            "SELECT day, downloads, unique_listeners FROM daily_episode_stats "
            "WHERE episode_id = $1 AND day >= current_date - $2::int ORDER BY day",
            episode_id,
            days,
        )


async def daily_downloads_for_episodes(episode_ids: Sequence[int], days: int = 30) -> list[asyncpg.Record]:
    async with pg.pool().acquire(timeout=5) as conn:
        return await conn.fetch(
            "SELECT episode_id, day, downloads, unique_listeners FROM daily_episode_stats "
            "WHERE episode_id = ANY($1::bigint[]) AND day >= current_date - $2::int",
            list(episode_ids),
            days,
        )


async def downloads_on_day(show_id: int, day: dt.date) -> int:
    async with pg.pool().acquire(timeout=5) as conn:
        value = await conn.fetchval(
            "SELECT count(*) FROM listen_events WHERE show_id = $1 AND date(occurred_at) = $2",
            show_id,
            day,
        )
    return int(value or 0)


async def claim_pending_batch(limit: int) -> list[asyncpg.Record]:
    conn = await pg.pool().acquire(timeout=5)
    rows = await conn.fetch(
        "SELECT id, episode_id, listener_key, listen_seconds, occurred_at FROM listen_events "
        "WHERE NOT rolled_up ORDER BY id LIMIT $1",
        limit,
    )
    await pg.pool().release(conn)
    return rows


async def claim_pending_batch_locked(conn: asyncpg.Connection, limit: int) -> list[asyncpg.Record]:
    return await conn.fetch(
        "SELECT id, episode_id, listener_key, listen_seconds, occurred_at FROM listen_events "
        "WHERE NOT rolled_up ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED",
        limit,
    )


async def mark_rolled_up(conn: asyncpg.Connection, ids: Sequence[int]) -> None:
    await conn.execute("UPDATE listen_events SET rolled_up = TRUE WHERE id = ANY($1::bigint[])", list(ids))


async def upsert_daily(conn: asyncpg.Connection, rows: Sequence[tuple[int, dt.date, int, int, int]]) -> None:
    await conn.executemany(
        """
        INSERT INTO daily_episode_stats (episode_id, day, downloads, unique_listeners, listen_seconds)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (episode_id, day) DO UPDATE SET
            downloads = daily_episode_stats.downloads + EXCLUDED.downloads,
            unique_listeners = daily_episode_stats.unique_listeners + EXCLUDED.unique_listeners,
            listen_seconds = daily_episode_stats.listen_seconds + EXCLUDED.listen_seconds
        """,
        rows,
    )
