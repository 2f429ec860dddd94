from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from ..logging_setup import get_logger

logger = get_logger(__name__)


class BackgroundTasks:
    """Keeps references to short fire-and-forget jobs and bounds how many run at once."""

    def __init__(self, limit: int = 256) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._limit = limit

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> bool:
        if len(self._tasks) >= self._limit:
            coro.close()
            logger.warning("background_task_dropped", name=name, running=len(self._tasks))
            return False
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return True

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("background_task_failed", name=task.get_name(), error=repr(task.exception()))

    async def drain(self, timeout: float = 10.0) -> None:
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=timeout)
