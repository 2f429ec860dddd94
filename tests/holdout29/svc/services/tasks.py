"""Tracking of in-process background tasks."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

logger = logging.getLogger(__name__)


class TaskSupervisor:
    """Keeps references to spawned tasks and restarts long-running loops with backoff."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], *, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._on_done)
        return task

    def _on_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("background task %s failed", task.get_name(), exc_info=task.exception())

    def supervise(self, factory: Callable[[], Awaitable[None]], *, name: str) -> asyncio.Task[Any]:
        return self.spawn(self._restarting(factory, name), name=f"supervisor:{name}")

    async def _restarting(self, factory: Callable[[], Awaitable[None]], name: str) -> None:
        delay = 1.0
        while True:
            try:
                await factory()
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("worker %s crashed, restarting in %.1fs", name, delay)
                await asyncio.sleep(delay + random.uniform(0, delay / 2))
                delay = min(delay * 2, 60.0)

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
