"""Background tasks owned by the web process."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class TaskSet:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, coro: Awaitable, name: str) -> asyncio.Task:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], *, max_delay: float = 60.0) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
            delay = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("background task %s crashed; restarting in %.0fs", name, delay)
            await asyncio.sleep(delay)
            delay = min(max_delay, delay * 2)


async def periodic(name: str, interval_s: float, fn: Callable[[], Awaitable[object]]) -> None:
    while True:
        await fn()
        await asyncio.sleep(interval_s)
