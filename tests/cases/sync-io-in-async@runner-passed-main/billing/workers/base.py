"""Shared worker bootstrap."""
import asyncio
from typing import Awaitable, Callable


class Stopper:
    def __init__(self) -> None:
        self.event = asyncio.Event()

    @property
    def stopping(self) -> bool:
        return self.event.is_set()

    async def sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.event.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass


async def _main(body: Callable[[Stopper], Awaitable[None]]) -> None:
    stopper = Stopper()
    await body(stopper)


def run_worker(body: Callable[[Stopper], Awaitable[None]]) -> None:
    asyncio.run(_main(body))
