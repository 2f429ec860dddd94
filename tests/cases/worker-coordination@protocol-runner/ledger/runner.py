"""Keeps the service's background jobs running, whatever they are."""
import asyncio
import logging
from typing import Protocol, Sequence

log = logging.getLogger(__name__)


class BackgroundJob(Protocol):
    label: str

    async def execute(self) -> None: ...


class JobHost:
    def __init__(self, jobs: Sequence[BackgroundJob]) -> None:
        self._jobs = jobs
        self._tasks: list[asyncio.Task] = []

    def launch(self) -> None:
        for job in self._jobs:
            self._tasks.append(asyncio.create_task(self._keep(job)))

    async def _keep(self, job: BackgroundJob) -> None:
        while True:
            try:
                await job.execute()
            except Exception:
                log.exception("job %s failed", job.label)
            await asyncio.sleep(30)
