"""Starts background coroutines and restarts them when they crash."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class Runner:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(self._keep(name, factory), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _keep(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while True:
            try:
                await factory()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s crashed; restarting in %.0fs", name, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)

    def stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
