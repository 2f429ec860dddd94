"""In-process job scheduler started by the app lifespan."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


class Scheduler:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def every(self, seconds: float, name: str, job: Job) -> None:
        task = asyncio.create_task(self._loop(seconds, name, job), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def daily_at(self, hour: int, name: str, job: Job) -> None:
        task = asyncio.create_task(self._daily(hour, name, job), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def supervise(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(factory(), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _loop(self, seconds: float, name: str, job: Job) -> None:
        failures = 0
        while True:
            try:
                await job()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                log.exception("job %s failed (%d in a row)", name, failures)
            await asyncio.sleep(seconds if failures == 0 else min(seconds * 2 ** failures, 3600))

    async def _daily(self, hour: int, name: str, job: Job) -> None:
        while True:
            now = datetime.now(timezone.utc)
            next_run = now.replace(hour=hour, minute=0, second=0, microsecond=0)
            if next_run <= now:
                next_run += timedelta(days=1)
            await asyncio.sleep((next_run - now).total_seconds())
            try:
                await job()
            except Exception as exc:
                log.error("daily job %s failed: %s", name, exc, exc_info=exc)

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
