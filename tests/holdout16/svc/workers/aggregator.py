"""Rolls raw impressions and clicks up into daily_stats and publishes live totals."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
from datetime import datetime, timedelta, timezone

import asyncpg
from redis.asyncio import Redis

from svc.config import Settings

logger = logging.getLogger(__name__)

IMPRESSION_ROLLUP_SQL = (
    "SELECT campaign_id, count(*) AS impressions, coalesce(sum(price_cpm), 0) / 1000 AS spend "
    "FROM impressions WHERE ts >= $1 AND ts < $2 GROUP BY campaign_id"
)
CLICK_ROLLUP_SQL = (
    "SELECT campaign_id, count(*) AS clicks "
    "FROM clicks WHERE ts >= $1 AND ts < $2 GROUP BY campaign_id"
)
UPSERT_DAILY_SQL = (
    "INSERT INTO daily_stats (campaign_id, day, impressions, clicks, spend) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (campaign_id, day) DO UPDATE SET impressions = daily_stats.impressions + EXCLUDED.impressions, "
    "clicks = daily_stats.clicks + EXCLUDED.clicks, spend = daily_stats.spend + EXCLUDED.spend"
)


class StatsAggregator:
    def __init__(self, pool: asyncpg.Pool, redis: Redis, cfg: Settings) -> None:
        self._pool = pool
        self._redis = redis
        self._interval = cfg.aggregation_interval
        self._acquire_timeout = cfg.db_acquire_timeout
        self._totals: dict[int, dict[str, float]] = {}
        self._watermark: datetime | None = None
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run_forever(self) -> None:
        delay = self._interval
        while not self._stopping.is_set():
            try:
                await self.tick()
                delay = self._interval
            except Exception:
                logger.exception("aggregation tick failed; next attempt in %.0fs", delay)
                delay = min(delay * 2, 600.0)
            await asyncio.sleep(delay)

    async def tick(self) -> None:
        end = datetime.now(timezone.utc).replace(second=0, microsecond=0)
        start = self._watermark or end - timedelta(seconds=self._interval)
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        try:
            async with conn.transaction():
                rows = await conn.fetch(IMPRESSION_ROLLUP_SQL, start, end)
                click_counts = await conn.fetch(CLICK_ROLLUP_SQL, start, end)
                for row in rows:
                    clicks = next((c["clicks"] for c in click_counts if c["campaign_id"] == row["campaign_id"]), 0)
                    await conn.execute(
                        UPSERT_DAILY_SQL, row["campaign_id"], start.date(), row["impressions"], clicks, row["spend"]
                    )
                    totals = self._totals.setdefault(
                        row["campaign_id"], {"impressions": 0.0, "clicks": 0.0, "spend": 0.0}
                    )
                    totals["impressions"] += row["impressions"]
                    totals["clicks"] += clicks
                    totals["spend"] += float(row["spend"])
        finally:
            await self._pool.release(conn)
        self._watermark = end
        snapshot = copy.deepcopy(self._totals)
        await self._redis.publish("campaign-stats:all", json.dumps(snapshot))
