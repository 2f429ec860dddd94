"""Buffers that keep a bound: a maxlen, a length check in the adder, or no hand-off at all."""
from __future__ import annotations

from collections import deque
from typing import Awaitable, Callable

Send = Callable[[dict], Awaitable[None]]


class Full(Exception):
    pass


class Recent:
    def __init__(self) -> None:
        self._events = deque(maxlen=500)

    async def record(self, event: dict) -> None:
        self._events.append(event)

    async def oldest(self) -> dict | None:
        return self._events.popleft() if self._events else None


class Trimmed:
    def __init__(self) -> None:
        self._history: list[dict] = []

    async def record(self, event: dict) -> None:
        self._history.append(event)
        if len(self._history) > 100:
            self._history.pop(0)

    async def drain(self, send: Send) -> None:
        while self._history:
            await send(self._history.pop(0))


class Capped:
    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._jobs = []

    async def submit(self, job: dict) -> None:
        if len(self._jobs) >= self._limit:
            raise Full("too many pending jobs")
        self._jobs.append(job)

    async def work(self, send: Send) -> None:
        while self._jobs:
            await send(self._jobs.pop(0))


class Crawler:
    """Synchronous breadth-first walk: no task hands work to another."""

    def __init__(self, start: str) -> None:
        self._frontier = [start]
        self._seen = {start}

    def add(self, url: str) -> None:
        if url not in self._seen:
            self._seen.add(url)
            self._frontier.append(url)

    def next_url(self) -> str | None:
        return self._frontier.pop(0) if self._frontier else None


class Window:
    def __init__(self) -> None:
        self._window: list[float] = []

    async def observe(self, value: float) -> float:
        self._window.append(value)
        while self._window and self._window[0] < value - 60:
            self._window.pop(0)
        return sum(self._window)


class Handed:
    def __init__(self, items) -> None:
        self._items = items

    async def add(self, item: dict) -> None:
        self._items.append(item)

    async def take(self) -> dict:
        return self._items.pop(0)
