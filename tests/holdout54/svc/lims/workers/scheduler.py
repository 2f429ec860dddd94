"""Interval scheduler for periodic jobs, and the housekeeping loop the API runs."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Awaitable, Callable

from ..db.pg import connection
from ..redis_client import get_redis

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    fn: Callable[[], Awaitable[None]]
    interval_s: float


class Scheduler:
    def __init__(self, jobs: list[Job]) -> None:
        self.jobs = jobs
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task] = []

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass

    async def _run_job(self, job: Job) -> None:
        while not self._stop.is_set():
            try:
                await job.fn()
            except Exception:
                log.exception("scheduled job %s failed", job.name)
                continue
            await self._sleep(job.interval_s)

    def start(self) -> None:
        for job in self.jobs:
            self._tasks.append(asyncio.create_task(self._run_job(job), name=f"job:{job.name}"))

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)


CLAIM_TIMEOUT_MINUTES = 45


async def purge_expired_sessions(interval_s: float) -> None:
    redis = get_redis()
    while True:
        cutoff = time.time() - 8 * 3600
        removed = await redis.zremrangebyscore("sessions:index", 0, cutoff)
        async with connection() as conn:
            released = await conn.execute(
                """
                UPDATE review_cases SET status = 'pending', claimed_by = NULL, claimed_at = NULL
                WHERE status = 'claimed' AND claimed_at < now() - make_interval(mins => $1)
                """,
                CLAIM_TIMEOUT_MINUTES,
            )
        log.debug("housekeeping: %s session index entries, %s stale claims", removed, released)
        await asyncio.sleep(interval_s)
