"""Download analytics and payout ledger persistence (asyncpg, raw SQL)."""
from __future__ import annotations

from datetime import date, datetime

import asyncpg

from podhost.utils.dedupe import DownloadEvent

INSERT_DOWNLOADS = """
INSERT INTO downloads (episode_id, show_id, dedupe_key, ip_hash, user_agent, app_name, country, bytes_served, downloaded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (dedupe_key) DO NOTHING
"""


class AnalyticsRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float = 3.0) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def insert_batch(self, events: list[DownloadEvent]) -> None:
        rows = [
            (
                e.episode_id,
                e.show_id,
                e.dedupe_key,
                e.ip_hash,
                e.user_agent[:400],
                e.app_name,
                e.country,
                e.bytes_served,
                e.at,
            )
            for e in events
        ]
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.executemany(INSERT_DOWNLOADS, rows)

    async def episode_downloads(self, episode_id: int, start: datetime, end: datetime) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM downloads WHERE episode_id = $1 AND downloaded_at >= $2 AND downloaded_at < $3",
                episode_id,
                start,
                end,
            )

    async def show_downloads(self, show_id: int, start: datetime, end: datetime) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM downloads WHERE show_id = $1 AND downloaded_at >= $2 AND downloaded_at < $3",
                show_id,
                start,
                end,
            )

    async def daily_series(self, show_id: int, start: date, end: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT day, sum(downloads) AS downloads
                FROM daily_episode_downloads
                WHERE show_id = $1 AND day BETWEEN $2 AND $3
                GROUP BY day ORDER BY day
                """,
                show_id,
                start,
                end,
            )

    async def rollup_day(self, day: date) -> int:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        status = await conn.execute(
            """
            INSERT INTO daily_episode_downloads (episode_id, show_id, day, downloads)
            SELECT episode_id, show_id, $1::date, count(*)
            FROM downloads
            WHERE date(downloaded_at) = $1::date
            GROUP BY episode_id, show_id
            ON CONFLICT (episode_id, day) DO UPDATE SET downloads = EXCLUDED.downloads
            """,
            day,
        )
        await self._pool.release(conn)
        return int(status.split()[-1])

    async def downloads_by_show(self, show_ids: list[int], start: datetime, end: datetime) -> dict[int, int]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                """
                SELECT show_id, count(*) AS n FROM downloads
                WHERE show_id = ANY($1::bigint[]) AND downloaded_at >= $2 AND downloaded_at < $3
                GROUP BY show_id
                """,
                show_ids,
                start,
                end,
            )
        return {r["show_id"]: r["n"] for r in rows}

    async def top_apps(self, show_id: int, since: datetime, limit: int = 10) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT coalesce(app_name, 'unknown') AS app, count(*) AS n
                FROM downloads WHERE show_id = $1 AND downloaded_at >= $2
                GROUP BY 1 ORDER BY n DESC LIMIT $3
                """,
                show_id,
                since,
                limit,
            )

    async def record_impressions(self, rows: list[tuple[str, str, int, str]]) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.executemany(
                "INSERT INTO ad_impressions (download_key, campaign_id, episode_id, slot) VALUES ($1, $2, $3, $4)",
                rows,
            )


class PayoutRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(self, creator_id: int, period: str, downloads: int, amount_cents: int) -> int | None:
        async with self._pool.acquire(timeout=3.0) as conn:
            return await conn.fetchval(
                """
                INSERT INTO payouts (creator_id, period, downloads, amount_cents)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (creator_id, period) DO NOTHING
                RETURNING id
                """,
                creator_id,
                period,
                downloads,
                amount_cents,
            )

    async def mark(self, payout_id: int, status: str, provider_ref: str | None = None) -> None:
        async with self._pool.acquire(timeout=3.0) as conn:
            await conn.execute(
                "UPDATE payouts SET status = $2, provider_ref = coalesce($3, provider_ref) WHERE id = $1",
                payout_id,
                status,
                provider_ref,
            )

    async def pending(self, period: str) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=3.0) as conn:
            return await conn.fetch(
                "SELECT * FROM payouts WHERE period = $1 AND status = 'pending' ORDER BY id", period
            )

    async def for_creator(self, creator_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=3.0) as conn:
            return await conn.fetch(
                "SELECT period, downloads, amount_cents, status FROM payouts WHERE creator_id = $1 ORDER BY period DESC",
                creator_id,
            )
