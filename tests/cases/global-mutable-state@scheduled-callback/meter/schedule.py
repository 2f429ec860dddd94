"""A tiny periodic scheduler: runs a coroutine function every `seconds`."""
import asyncio
from typing import Awaitable, Callable


async def every(seconds: float, job: Callable[[], Awaitable[object]]) -> None:
    while True:
        await asyncio.sleep(seconds)
        await job()


class Runner:
    def __init__(self) -> None:
        self._tasks: list[asyncio.Task] = []

    def launch(self, job: Callable[[], Awaitable[object]]) -> None:
        self._tasks.append(asyncio.create_task(job()))
