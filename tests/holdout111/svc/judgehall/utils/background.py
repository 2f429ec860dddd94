from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundTasks:
    """Background tasks owned by the process."""

    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any] | None:
        if len(self._tasks) >= self.limit:
            coro.close()
            log.warning("background task limit reached, dropping task")
            return None
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("background task failed", exc_info=exc)

    async def supervise(
        self,
        name: str,
        factory: Callable[[], Awaitable[None]],
        initial_backoff: float = 1.0,
        max_backoff: float = 60.0,
    ) -> None:
        delay = initial_backoff
        while True:
            try:
                await factory()
                delay = initial_backoff
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s crashed; restarting in %.1fs", name, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, max_backoff)

    async def shutdown(self, timeout: float = 10.0) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=timeout)
