"""Hourly roll-ups of raw readings into ``readings_hourly``.

Every replica runs this loop; the Redis leader lock makes sure only one of them does the
work in a given interval.
"""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone

import asyncpg
import redis.asyncio as redis
from redis.exceptions import RedisError

from svc.cache import LeaderLock
from svc.db import Database

log = logging.getLogger(__name__)

_ROLLUP_SQL = """
INSERT INTO readings_hourly (device_id, metric, bucket, avg, min, max, count)
SELECT device_id, metric, date_trunc('hour', ts), avg(value), min(value), max(value), count(*)
FROM readings
WHERE device_id = ANY($1::uuid[]) AND ts >= $2 AND ts < $3
GROUP BY device_id, metric, date_trunc('hour', ts)
ON CONFLICT (device_id, metric, bucket)
DO UPDATE SET avg = EXCLUDED.avg, min = EXCLUDED.min, max = EXCLUDED.max, count = EXCLUDED.count
"""

_CHUNK = 1000
_PARALLEL = 4


def chunked(items: Sequence[uuid.UUID], size: int) -> Iterator[list[uuid.UUID]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _hour_floor(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


class RollupWorker:
    def __init__(self, db: Database, client: redis.Redis, *, interval: float) -> None:
        self._db = db
        self._redis = client
        self._interval = interval
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        lock = LeaderLock(self._redis, "rollup", ttl_ms=int(self._interval * 2000))
        while not self._stop.is_set():
            try:
                if await lock.acquire():
                    try:
                        await self.catch_up()
                    finally:
                        await lock.release()
            except (asyncpg.PostgresError, OSError, asyncio.TimeoutError, RedisError):
                log.exception("hourly roll-up failed; next attempt in %.0fs", self._interval)
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=self._interval)
            except asyncio.TimeoutError:
                pass

    async def catch_up(self) -> int:
        """Roll up every complete hour since the last one written (at most two days back)."""
        now = _hour_floor(datetime.now(timezone.utc))
        async with self._db.connection() as conn:
            last = await conn.fetchval("SELECT max(bucket) FROM readings_hourly")
            device_ids = [row["id"] for row in await conn.fetch("SELECT id FROM devices WHERE active")]
        start = max(last + timedelta(hours=1), now - timedelta(days=2)) if last else now - timedelta(hours=1)
        hours: deque[datetime] = deque()
        while start < now:
            hours.append(start)
            start += timedelta(hours=1)
        written = 0
        while hours:
            hour = hours.popleft()
            written += await self.rollup_hour(device_ids, hour)
        return written

    async def rollup_hour(self, device_ids: Sequence[uuid.UUID], hour: datetime) -> int:
        semaphore = asyncio.Semaphore(_PARALLEL)
        end = hour + timedelta(hours=1)
        counts = await asyncio.gather(*(self._rollup_chunk(semaphore, chunk, hour, end) for chunk in chunked(device_ids, _CHUNK)))
        log.info("rolled up %s: %d rows", hour.isoformat(), sum(counts))
        return sum(counts)

    async def _rollup_chunk(self, semaphore: asyncio.Semaphore, chunk: list[uuid.UUID], start: datetime, end: datetime) -> int:
        async with semaphore:
            async with self._db.connection() as conn:
                status = await conn.execute(_ROLLUP_SQL, chunk, start, end)
        return int(status.split()[-1])
