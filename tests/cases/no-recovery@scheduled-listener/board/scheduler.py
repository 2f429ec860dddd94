"""A small in-process scheduler: keeps named jobs, restarts them with backoff once started."""
import asyncio
import logging
import random
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self) -> None:
        self._jobs: dict[str, Callable[[], Awaitable[None]]] = {}
        self._tasks: set[asyncio.Task] = set()

    def add(self, name: str, fn: Callable[[], Awaitable[None]]) -> None:
        self._jobs[name] = fn

    def start(self) -> None:
        for name, fn in self._jobs.items():
            task = asyncio.create_task(self._supervise(name, fn))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _supervise(self, name: str, fn: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while True:
            try:
                await fn()
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("job %s crashed; restarting in %.1fs", name, delay)
                await asyncio.sleep(delay + random.random())
                delay = min(delay * 2, 60.0)
