"""A tiny in-process timer: calls the function it was built with, every `seconds`."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class Every:
    def __init__(self, seconds: float, action: Callable[[], Awaitable[None]], label: str = "") -> None:
        self.seconds = seconds
        self._action = action
        self.label = label or action.__name__

    async def loop(self) -> None:
        while True:
            try:
                await self._action()
            except Exception:
                log.exception("timer %s failed", self.label)
            await asyncio.sleep(self.seconds)
