"""Periodic jobs, run by whatever function they are handed to."""
import asyncio
from collections.abc import Awaitable, Callable

Job = Callable[[], Awaitable[None]]


class Ticker:
    """Runs registered jobs forever, each in its own task."""

    def __init__(self) -> None:
        self._tasks: list[asyncio.Task] = []
        self._names: dict[str, Job] = {}

    def every(self, seconds: float, job: Job) -> None:
        async def repeat() -> None:
            while True:
                await job()
                await asyncio.sleep(seconds)

        self._tasks.append(asyncio.create_task(repeat()))

    def describe(self, name: str, job: Job) -> None:
        self._names[name] = job  # kept for a listing page, never run from here


def start_periodic(fn: Job, every: float) -> asyncio.Task:
    async def _loop() -> None:
        while True:
            try:
                await fn()
            finally:
                await asyncio.sleep(every)

    return asyncio.get_running_loop().create_task(_loop())
