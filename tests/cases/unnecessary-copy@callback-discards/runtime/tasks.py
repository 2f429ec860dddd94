"""Tasks kept alive by the process, and a registry of named jobs."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable


class TaskGroup:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def start(self, coro: Awaitable, name: str) -> asyncio.Task:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def stop(self) -> None:
        """Done callbacks discard from `_tasks`: the copy guards the loop against them."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


class JobBoard:
    def __init__(self) -> None:
        self._jobs: set[asyncio.Task] = set()

    def start(self, coro: Awaitable, name: str) -> asyncio.Task:
        task = asyncio.create_task(coro, name=name)
        self._jobs.add(task)
        return task

    def cancel_all(self) -> int:
        """Nothing but this class's own calls changes `_jobs`, and the loop makes none."""
        cancelled = 0
        for task in list(self._jobs):  # expect: unnecessary-copy
            cancelled += task.cancel()
        return cancelled


async def run_jobs(jobs: list[Awaitable]) -> None:
    """A local set its own closure hands `discard` to as a done callback: the copy guards the loop."""
    running: set[asyncio.Task] = set()

    def spawn(coro: Awaitable) -> None:
        task = asyncio.create_task(coro)
        running.add(task)
        task.add_done_callback(running.discard)

    for job in jobs:
        spawn(job)
    try:
        await asyncio.sleep(60)
    finally:
        for task in list(running):
            task.cancel()


def cancel_pending(pending: set[asyncio.Task]) -> None:
    """Nothing shrinks this set behind the loop's back."""
    for task in list(pending):  # expect: unnecessary-copy
        task.cancel()
