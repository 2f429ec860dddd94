"""Owned background tasks and a restart-with-backoff supervisor."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundTasks:
    """Keeps references to spawned tasks so they are not garbage-collected mid-flight."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], *, name: str | None = None) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    def __len__(self) -> int:
        return len(self._tasks)

    async def shutdown(self, timeout: float = 5.0) -> None:
        pending = list(self._tasks)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=timeout)


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    *,
    stop: asyncio.Event | None = None,
    max_backoff: float = 60.0,
) -> None:
    """Run factory() until stop is set, restarting it with exponential backoff when it crashes."""
    failures = 0
    while stop is None or not stop.is_set():
        try:
            await factory()
            log.info("%s finished", name)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = min(max_backoff, 2.0 ** failures)
            log.exception("%s crashed (%d in a row); restarting in %.0fs", name, failures, delay)
            await asyncio.sleep(delay)
