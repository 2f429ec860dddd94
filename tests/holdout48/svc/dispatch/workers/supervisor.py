from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)


class Supervisor:
    """Keeps long-running background coroutines alive, restarting them with backoff."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, name: str, factory: Callable[[], Awaitable[None]]) -> asyncio.Task:
        task = asyncio.create_task(self._supervise(name, factory), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _supervise(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        failures = 0
        while True:
            try:
                await factory()
                logger.info("background task %s finished", name)
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                delay = min(60.0, 0.5 * 2**failures)
                logger.exception("background task %s crashed (%d); restarting in %.1fs", name, failures, delay)
                await asyncio.sleep(delay)

    async def shutdown(self, timeout: float = 10.0) -> None:
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=timeout)
