"""Hourly telemetry rollups into telemetry_hourly."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

import asyncpg
from redis.asyncio import Redis

from ..utils.time import hour_bucket, utcnow

logger = logging.getLogger(__name__)

_ROLLUP_SQL = """
SELECT device_id, metric, avg(value) AS avg_value, min(value) AS min_value,
       max(value) AS max_value, count(*) AS samples
FROM telemetry_points
WHERE date_trunc('hour', ts) = $1
GROUP BY device_id, metric
"""

_UPSERT_SQL = """
INSERT INTO telemetry_hourly (device_id, metric, bucket, avg_value, min_value, max_value, samples)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (device_id, metric, bucket) DO UPDATE
SET avg_value = EXCLUDED.avg_value, min_value = EXCLUDED.min_value,
    max_value = EXCLUDED.max_value, samples = EXCLUDED.samples
"""


class HourlyRollup:
    def __init__(self, pool: asyncpg.Pool, redis: Redis, acquire_timeout: float) -> None:
        self._pool = pool
        self._redis = redis
        self._acquire_timeout = acquire_timeout

    async def run_once(self) -> int:
        lock = self._redis.lock("lock:telemetry-rollup", timeout=900, blocking_timeout=0)
        if not await lock.acquire():
            logger.debug("rollup already running on another replica")
            return 0
        try:
            return await self.rollup_hour(hour_bucket(utcnow()) - timedelta(hours=1))
        finally:
            await lock.release()

    async def rollup_hour(self, hour: datetime) -> int:
        conn = await self._pool.acquire(timeout=self._acquire_timeout)
        rows = await conn.fetch(_ROLLUP_SQL, hour)
        await conn.executemany(
            _UPSERT_SQL,
            [
                (r["device_id"], r["metric"], hour, r["avg_value"], r["min_value"], r["max_value"], r["samples"])
                for r in rows
            ],
        )
        await self._pool.release(conn)
        logger.info("rolled up %d series for %s", len(rows), hour.isoformat())
        return len(rows)
