from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import random

from redis.asyncio import Redis

from ..observability import get_logger

log = get_logger(__name__)

Job = Callable[[], Awaitable[int]]


@dataclass
class PeriodicJob:
    name: str
    run: Job
    every: float
    exclusive: bool = False


class Scheduler:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.jobs: list[PeriodicJob] = []
        self._tasks: set[asyncio.Task] = set()
        self._stop = asyncio.Event()

    def add(self, job: PeriodicJob) -> None:
        self.jobs.append(job)

    async def _run_exclusive(self, job: PeriodicJob) -> int:
        lock = self.redis.lock(f"sched:{job.name}", timeout=job.every * 2, blocking=False)
        if not await lock.acquire():
            return 0
        try:
            return await job.run()
        finally:
            await lock.release()

    async def _loop(self, job: PeriodicJob) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                if job.exclusive:
                    await self._run_exclusive(job)
                else:
                    await job.run()
                failures = 0
                delay = job.every
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures += 1
                log.exception("job_failed", job=job.name, failures=failures, error=type(exc).__name__)
                delay = min(300.0, job.every * 2**failures) + random.uniform(0, 1)
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                continue

    def start(self) -> None:
        for job in self.jobs:
            task = asyncio.create_task(self._loop(job), name=f"job:{job.name}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        self._stop.set()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    """Keeps a long-running coroutine alive (used for the pub/sub relay)."""
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("supervised_task_crashed", task=name)
