"""Keeps named background loops alive."""
import asyncio
from typing import Awaitable, Callable


class Scheduler:
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task] = {}

    def add(self, name: str, loop: Callable[[], Awaitable[None]]) -> None:
        self._tasks[name] = asyncio.get_running_loop().create_task(loop(), name=name)

    async def stop(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
