"""Small in-process scheduler for periodic jobs, plus a supervisor for long-running workers."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ..utils.timing import seconds_until

log = logging.getLogger(__name__)

JobFn = Callable[[], Awaitable[object]]


@dataclass
class PeriodicJob:
    name: str
    interval_s: float
    fn: JobFn
    max_backoff_s: float = 300.0


class Scheduler:
    def __init__(self) -> None:
        self._jobs: list[PeriodicJob] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def every(self, interval_s: float, fn: JobFn, *, name: str) -> None:
        self._jobs.append(PeriodicJob(name=name, interval_s=interval_s, fn=fn))

    def daily_at(self, hour: int, minute: int, fn: JobFn, *, name: str) -> None:
        async def wait_then_run() -> None:
            await asyncio.sleep(seconds_until(hour, minute))
            await fn()

        self._jobs.append(PeriodicJob(name=name, interval_s=0.0, fn=wait_then_run, max_backoff_s=900.0))

    def start(self) -> None:
        for job in self._jobs:
            task = asyncio.create_task(self._run_periodic(job), name=f"job:{job.name}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _run_periodic(self, job: PeriodicJob) -> None:
        failures = 0
        while True:
            try:
                await job.fn()
                failures = 0
                delay = job.interval_s
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures += 1
                delay = min(job.max_backoff_s, max(job.interval_s, 5.0) * 2 ** failures)
                log.exception(
                    "job %s failed with %s (%d in a row); next run in %.0fs", job.name, type(exc).__name__, failures, delay
                )
            await asyncio.sleep(delay)


async def keep_alive(name: str, factory: JobFn) -> None:
    """Run a long-lived worker coroutine and restart it whenever it stops."""
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting", name)
