"""Runners for batches of coroutines built by the caller."""
from __future__ import annotations

import asyncio
from typing import Any, Sequence


class BuildThrottle:
    """Caps concurrent builds: each coroutine is awaited while the semaphore is held."""

    def __init__(self, limit: int = 16) -> None:
        self._sem = asyncio.Semaphore(limit)

    async def run(self, coros: Sequence[Any]) -> list[Any]:
        async def guarded(coro: Any) -> Any:
            async with self._sem:
                return await coro

        return await asyncio.gather(*(guarded(c) for c in coros))


class BuildCounter:
    """Counts builds under a lock, but awaits each coroutine after releasing it."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self.started = 0

    async def run(self, coros: Sequence[Any]) -> list[Any]:
        async def counted(coro: Any) -> Any:
            async with self._lock:
                self.started += 1
            return await coro

        return await asyncio.gather(*(counted(c) for c in coros))  # expect: backpressure
