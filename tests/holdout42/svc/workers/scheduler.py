from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import datetime as dt
import logging

from svc.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]

MAX_BACKOFF = 300.0


class Supervisor:
    """Keeps long-running background loops alive, restarting them with backoff."""

    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def spawn(self, name: str, factory: Job) -> None:
        self._tasks[name] = asyncio.create_task(self._supervise(name, factory), name=f"supervised:{name}")

    async def _supervise(self, name: str, factory: Job) -> None:
        backoff = 1.0
        while True:
            try:
                await factory()
                logger.warning("background loop %s returned; restarting", name)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("background loop %s crashed; restarting in %.0fs", name, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF)

    async def stop(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()


def every(interval: float, job: Job, *, name: str) -> Job:
    async def loop() -> None:
        clock = asyncio.get_running_loop()
        while True:
            started = clock.time()
            try:
                await job()
            except Exception:
                logger.exception("periodic job %s failed", name)
            await asyncio.sleep(max(1.0, interval - (clock.time() - started)))

    return loop


def daily_at(hour: int, minute: int, job: Job, *, name: str) -> Job:
    async def loop() -> None:
        while True:
            now = utcnow()
            target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
            if target <= now:
                target += dt.timedelta(days=1)
            await asyncio.sleep((target - now).total_seconds())
            logger.info("running daily job %s", name)
            await job()

    return loop
