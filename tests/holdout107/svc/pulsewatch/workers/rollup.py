"""Nightly SLA rollups. ``python -m pulsewatch.workers.rollup``."""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta, timezone

import asyncpg
import structlog

from pulsewatch.config import get_settings
from pulsewatch.db.pool import close_pool, init_pool
from pulsewatch.logging_setup import configure_logging
from pulsewatch.timeutil import utcnow

log = structlog.get_logger(__name__)

ROLLUP_LOCK_ID = 7_314_001


async def rollup_day(pool: asyncpg.Pool, day: date) -> int:
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    end = start + timedelta(days=1)
    async with pool.acquire() as conn:
        locked = await conn.fetchval("SELECT pg_try_advisory_lock($1)", ROLLUP_LOCK_ID)
        if not locked:
            log.info("rollup.skipped_locked", day=str(day))
            return 0
        try:
            rows = await conn.fetch(
                """
                SELECT monitor_id, count(*) AS checks, count(*) FILTER (WHERE NOT ok) AS failures,
                       avg(latency_ms)::int AS avg_latency_ms
                  FROM check_results
                 WHERE checked_at >= $1 AND checked_at < $2
                 GROUP BY monitor_id
                """,
                start,
                end,
            )
            enabled = await conn.fetch("SELECT id FROM monitors WHERE enabled")
            seen: list = []
            records = []
            for row in rows:
                seen.append(row["monitor_id"])
                records.append((row["monitor_id"], day, row["checks"], row["failures"], row["avg_latency_ms"]))
            for monitor in enabled:
                if monitor["id"] not in seen:
                    records.append((monitor["id"], day, 0, 0, None))
            await conn.executemany(
                """
                INSERT INTO sla_rollups (monitor_id, day, checks, failures, avg_latency_ms)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (monitor_id, day) DO UPDATE
                   SET checks = EXCLUDED.checks, failures = EXCLUDED.failures,
                       avg_latency_ms = EXCLUDED.avg_latency_ms
                """,
                records,
            )
            return len(records)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", ROLLUP_LOCK_ID)


async def main() -> None:
    settings = get_settings()
    configure_logging()
    pool = await init_pool(settings)
    try:
        yesterday = (utcnow() - timedelta(days=1)).date()
        written = await rollup_day(pool, yesterday)
        log.info("rollup.done", day=str(yesterday), rows=written)
    finally:
        await close_pool()


if __name__ == "__main__":
    asyncio.run(main())
