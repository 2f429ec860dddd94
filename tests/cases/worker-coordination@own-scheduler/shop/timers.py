"""A small scheduler for periodic jobs, run inside the web process."""
import asyncio
import logging
from dataclasses import dataclass

import redis.asyncio as redis

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    every_s: float
    fn: object
    locked: bool = False


class Timers:
    def __init__(self, cache: redis.Redis) -> None:
        self._cache = cache
        self._jobs: list[Job] = []
        self._tasks: set = set()

    def every(self, seconds: float, fn, *, name: str, locked: bool = False) -> None:
        self._jobs.append(Job(name, seconds, fn, locked))

    def start(self) -> None:
        for job in self._jobs:
            task = asyncio.create_task(self._loop(job), name=job.name)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _tick(self, job: Job) -> None:
        if not job.locked:
            await job.fn()
            return
        async with self._cache.lock(f"job:{job.name}", timeout=job.every_s, blocking=False) as got:
            if got:
                await job.fn()

    async def _loop(self, job: Job) -> None:
        while True:
            try:
                await self._tick(job)
            except Exception:
                log.exception("job %s failed", job.name)
            await asyncio.sleep(job.every_s)
