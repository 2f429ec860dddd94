"""Background jobs started from the app lifespan."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone

logger = logging.getLogger(__name__)

JobFactory = Callable[[], Awaitable[None]]


async def supervise(name: str, factory: JobFactory, *, max_backoff: float = 300.0) -> None:
    """Run a long-lived job forever, restarting it with capped exponential backoff."""
    failures = 0
    while True:
        try:
            await factory()
            failures = 0
            logger.warning("job %s returned; restarting", name)
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = min(max_backoff, 2 ** failures) * random.uniform(0.5, 1.0)
            logger.exception("job %s crashed (%d in a row); restarting in %.1fs", name, failures, delay)
            await asyncio.sleep(delay)


def seconds_until(hour: int, now: datetime | None = None) -> float:
    now = now or datetime.now(timezone.utc)
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def run_daily(hour: int, job: JobFactory, name: str) -> None:
    while True:
        await asyncio.sleep(seconds_until(hour))
        logger.info("starting daily job %s", name)
        await job()


class JobRunner:
    def __init__(self) -> None:
        self._tasks: list[asyncio.Task] = []

    def start(self, name: str, factory: JobFactory) -> None:
        self._tasks.append(asyncio.create_task(supervise(name, factory), name=name))

    def start_unsupervised(self, name: str, coro: Awaitable[None]) -> None:
        self._tasks.append(asyncio.create_task(coro, name=name))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
