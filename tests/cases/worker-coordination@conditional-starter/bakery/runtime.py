"""Background task plumbing: optional supervision, and a fixed-interval helper."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)
Factory = Callable[[], Awaitable[None]]


async def keep_alive(label: str, factory: Factory) -> None:
    while True:
        try:
            await factory()
        except Exception:
            log.exception("%s crashed", label)
        await asyncio.sleep(5)


async def every(seconds: float, job: Callable[[], Awaitable[object]]) -> None:
    while True:
        await job()
        await asyncio.sleep(seconds)


class Jobs:
    def __init__(self) -> None:
        self._running: dict[str, asyncio.Task] = {}

    def start(self, label: str, factory: Factory, supervised: bool = True) -> None:
        coro = keep_alive(label, factory) if supervised else factory()
        self._running[label] = asyncio.create_task(coro, name=label)
