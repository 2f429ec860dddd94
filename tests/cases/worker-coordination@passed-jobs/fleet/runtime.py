"""Keeps background coroutines running and turns one-shot jobs into periodic ones."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Factory = Callable[[], Awaitable[None]]


class TaskPool:
    def __init__(self) -> None:
        self._running: dict[str, asyncio.Future] = {}

    def launch(self, label: str, factory: Factory) -> None:
        self._running[label] = asyncio.ensure_future(self._keep_alive(label, factory))

    async def _keep_alive(self, label: str, factory: Factory) -> None:
        pause = 2.0
        while True:
            try:
                await factory()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s failed; again in %.0fs", label, pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 120.0)

    def close(self) -> None:
        for future in self._running.values():
            future.cancel()


def interval(seconds: float, job: Factory) -> Factory:
    async def repeat() -> None:
        while True:
            await job()
            await asyncio.sleep(seconds)

    return repeat
