"""Starts a worker program: the coroutine is handed to a helper, not to asyncio.run directly."""
import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


def run_program(name: str, main: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    async def _runner() -> None:
        stop = asyncio.Event()
        log.info("%s starting", name)
        await main(stop)

    asyncio.run(_runner())


class Job:
    interval = 60.0

    async def tick(self) -> None:
        raise NotImplementedError

    async def run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:
                log.exception("tick failed")
            await asyncio.sleep(self.interval)
