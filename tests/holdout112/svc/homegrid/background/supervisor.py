from __future__ import annotations

import asyncio
from typing import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)


class TaskGroup:
    """Keeps references to long-running lifespan tasks and restarts them with backoff."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, name: str, factory: Callable[[], Awaitable[None]]) -> asyncio.Task:
        task = asyncio.create_task(self._supervise(name, factory), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _supervise(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while True:
            try:
                await factory()
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("background_task_crashed", task=name)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
