from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

logger = logging.getLogger(__name__)


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    *,
    min_backoff: float = 1.0,
    max_backoff: float = 60.0,
) -> None:
    """Run factory() forever, restarting it with exponential backoff when it fails."""
    backoff = min_backoff
    while True:
        started = asyncio.get_running_loop().time()
        try:
            await factory()
            logger.warning("%s exited; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed; restarting in %.1fs", name, backoff)
        if asyncio.get_running_loop().time() - started > 300:
            backoff = min_backoff
        await asyncio.sleep(backoff)
        backoff = min(max_backoff, backoff * 2)


class TaskGroupRegistry:
    """Keeps strong references to background tasks so they are not garbage collected."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, coro: Awaitable[None], name: str) -> asyncio.Task:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
