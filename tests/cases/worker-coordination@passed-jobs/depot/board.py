"""A registry of named background loops, started together."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class JobBoard:
    def __init__(self) -> None:
        self._jobs: dict[str, Callable[[], Awaitable[None]]] = {}
        self._tasks: list[asyncio.Task] = []

    def register(self, name: str, fn: Callable[[], Awaitable[None]]) -> None:
        self._jobs[name] = fn

    def start(self) -> None:
        for name, fn in self._jobs.items():
            self._tasks.append(asyncio.create_task(self._guard(name, fn)))

    async def _guard(self, name: str, fn: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while True:
            try:
                await fn()
                delay = 1.0
            except Exception:
                log.exception("job %s crashed", name)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
