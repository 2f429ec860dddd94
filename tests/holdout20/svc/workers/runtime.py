"""Helpers for background work: a task registry and a restarting supervisor."""
from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

logger = logging.getLogger(__name__)


class TaskRegistry:
    """Keeps strong references to fire-and-forget tasks and logs their failures."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], *, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            logger.error("background task %s failed", task.get_name(), exc_info=exc)

    async def drain(self, timeout: float) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    *,
    initial_backoff: float = 1.0,
    max_backoff: float = 60.0,
) -> None:
    """Run ``factory()`` and restart it with exponential backoff whenever it crashes."""
    backoff = initial_backoff
    for attempt in itertools.count(1):
        try:
            await factory()
            logger.info("worker %s finished", name)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed (attempt %d); restarting in %.0fs", name, attempt, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, max_backoff)


async def periodic(interval: float, job: Callable[[], Awaitable[None]]) -> None:
    while True:
        await job()
        await asyncio.sleep(interval)
