"""Small helpers that repeat a coroutine function inside the web process."""
import asyncio
from collections.abc import Awaitable, Callable


class Timers:
    def __init__(self) -> None:
        self._running: list[asyncio.Task] = []

    def repeat(self, label: str, seconds: float, work: Callable[[], Awaitable[None]]) -> None:
        async def tick() -> None:
            while True:
                await work()
                await asyncio.sleep(seconds)

        self._running.append(asyncio.create_task(tick(), name=label))

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()


def run_periodically(fn: Callable[[], Awaitable[None]], period: float) -> asyncio.Task:
    async def _cycle() -> None:
        while True:
            try:
                await fn()
            except Exception:
                pass
            await asyncio.sleep(period)

    return asyncio.create_task(_cycle())
