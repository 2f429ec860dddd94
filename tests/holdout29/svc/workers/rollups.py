"""Nightly rebuild of course progress rollups."""

from __future__ import annotations

import asyncio
import logging

import asyncpg
from redis.asyncio import Redis

from svc.services.progress import ProgressService

logger = logging.getLogger(__name__)

REBUILD_SQL = """
INSERT INTO course_rollups (course_id, enrolled, completed, completion_rate, updated_at)
SELECT e.course_id,
       count(*) AS enrolled,
       count(*) FILTER (WHERE e.status = 'completed') AS completed,
       coalesce(count(*) FILTER (WHERE e.status = 'completed')::float / nullif(count(*), 0), 0),
       now()
FROM enrolments e
GROUP BY e.course_id
ON CONFLICT (course_id) DO UPDATE
SET enrolled = EXCLUDED.enrolled,
    completed = EXCLUDED.completed,
    completion_rate = EXCLUDED.completion_rate,
    updated_at = now()
"""


class NightlyRollup:
    LOCK_NAME = "locks:nightly-rollup"

    def __init__(
        self, pool: asyncpg.Pool, redis: Redis, progress: ProgressService, acquire_timeout: float,
        interval_seconds: float = 3600.0,
    ) -> None:
        self._pool = pool
        self._redis = redis
        self._progress = progress
        self._acquire_timeout = acquire_timeout
        self._interval = interval_seconds

    async def run_forever(self) -> None:
        while True:
            await self._progress.flush_views()
            lock = self._redis.lock(self.LOCK_NAME, timeout=900, blocking=False)
            if await lock.acquire():
                try:
                    async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
                        await conn.execute(REBUILD_SQL, timeout=600)
                    logger.info("course rollups rebuilt")
                finally:
                    await lock.release()
            await asyncio.sleep(self._interval)
