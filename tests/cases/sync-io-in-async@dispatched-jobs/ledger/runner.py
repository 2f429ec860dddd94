"""Runs the app's periodic jobs as tasks, restarting any that crash."""
import asyncio
import logging
from typing import Protocol

log = logging.getLogger(__name__)


class Job(Protocol):
    interval: float

    async def tick(self) -> None: ...


class JobRunner:
    def __init__(self, jobs: list[Job]) -> None:
        self._jobs = jobs
        self._tasks: set[asyncio.Task] = set()

    def start(self) -> None:
        for job in self._jobs:
            task = asyncio.create_task(self._loop(job))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _loop(self, job: Job) -> None:
        while True:
            try:
                await job.tick()
            except Exception:
                log.exception("job failed")
            await asyncio.sleep(job.interval)
