"""Rolls raw listen events up into daily per-episode statistics."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence

import asyncpg

from svc.config import settings
from svc.db import pg
from svc.repositories import analytics as analytics_repo

log = logging.getLogger(__name__)

ROLLUP_BATCH = 20_000


def aggregate(rows: Sequence[asyncpg.Record]) -> list[tuple[int, dt.date, int, int, int]]:
    buckets: dict[tuple[int, dt.date], dict] = {}
    for r in rows:
        key = (r["episode_id"], r["occurred_at"].date())
        bucket = buckets.setdefault(key, {"downloads": 0, "listeners": [], "seconds": 0})
        bucket["downloads"] += 1
        bucket["seconds"] += r["listen_seconds"]
        if r["listener_key"] not in bucket["listeners"]:
            bucket["listeners"].append(r["listener_key"])
    return [
        (episode_id, day, b["downloads"], len(b["listeners"]), b["seconds"])
        for (episode_id, day), b in buckets.items()
    ]


async def rollup_once() -> int:
    async with pg.pool().acquire(timeout=10) as conn:
        async with conn.transaction():
            rows = await analytics_repo.claim_pending_batch_locked(conn, ROLLUP_BATCH)
            if not rows:
                return 0
            await analytics_repo.upsert_daily(conn, aggregate(rows))
            await analytics_repo.mark_rolled_up(conn, [r["id"] for r in rows])
    return len(rows)


async def backfill_once() -> int:
    """Catch-up pass used after an ingest outage, run by the scheduler."""
    rows = await analytics_repo.claim_pending_batch(ROLLUP_BATCH)
    if not rows:
        return 0
    async with pg.pool().acquire(timeout=10) as conn:
        async with conn.transaction():
            await analytics_repo.upsert_daily(conn, aggregate(rows))
            await analytics_repo.mark_rolled_up(conn, [r["id"] for r in rows])
    return len(rows)


async def run_rollup_worker(stop: asyncio.Event) -> None:
    backoff = 1.0
    while not stop.is_set():
        try:
            processed = await rollup_once()
            backoff = 1.0
        except (asyncpg.PostgresError, OSError, asyncio.TimeoutError):
            log.exception("rollup iteration failed; retrying in %.0fs", backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 60.0)
            continue
        if processed < ROLLUP_BATCH:
            try:
                await asyncio.wait_for(stop.wait(), timeout=settings.rollup_interval_seconds)
            except asyncio.TimeoutError:
                pass
