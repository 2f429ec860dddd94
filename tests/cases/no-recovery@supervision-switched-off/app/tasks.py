"""A task registry that restarts what it starts, unless asked not to."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    delay = 1.0
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed; restarting in %.1fs", name, delay)
        await asyncio.sleep(delay)
        delay = min(delay * 2, 60.0)


class Tasks:
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task] = {}

    def start(self, name: str, factory: Callable[[], Awaitable[None]], supervised: bool = True) -> None:
        coro = supervise(name, factory) if supervised else factory()
        self._tasks[name] = asyncio.create_task(coro, name=name)
