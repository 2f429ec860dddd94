"""A job runner that keeps its pending work on the instance."""
from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass


@dataclass
class Job:
    name: str
    attempts: int = 0


class Runner:
    def __init__(self, handler) -> None:
        self._handler = handler
        self._pending: list[Job] = []
        self._failed = []
        self._ready: deque[Job] = deque()
        self._stack: list[Job] = []
        self._history: list[str] = []

    def submit(self, job: Job) -> None:
        self._pending.append(job)
        self._ready.append(job)
        self._stack.append(job)

    async def drain(self) -> int:
        done = 0
        while self._pending:
            job = self._pending.pop(0)  # expect: inefficient-algorithm
            await self._handler(job)
            done += 1
        return done

    async def drain_ready(self) -> None:
        while self._ready:
            await self._handler(self._ready.popleft())

    async def unwind(self) -> None:
        while self._stack:
            await self._handler(self._stack.pop())

    async def retry(self, jobs: list[Job]) -> None:
        for job in jobs:
            try:
                await self._handler(job)
            except OSError:
                self._failed.insert(0, job)
                return

    def record(self, name: str) -> None:
        self._history.append(name)
        if len(self._history) > 100:
            self._history.pop(0)


class Borrowed:
    """Works on a list it is handed: its type is the caller's business."""

    def __init__(self, items) -> None:
        self._items = items

    async def run(self, handler) -> None:
        while self._items:
            await handler(self._items.pop(0))

    async def reset(self) -> None:
        await asyncio.sleep(0)


def newest_first(names: list[str]) -> list[str]:
    order = []
    for name in names:
        order.insert(0, name)  # expect: inefficient-algorithm
    return order


def up_to_marker(names: list[str]) -> list[str]:
    order = []
    for name in names:
        if name.startswith("!"):
            order.insert(0, name)
            break
        order.append(name)
    return order
