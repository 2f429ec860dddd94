"""Named asyncio locks shared between services that touch the same tool."""
from __future__ import annotations

import asyncio
from collections.abc import Iterable
from contextlib import asynccontextmanager
from typing import AsyncIterator


class LockRegistry:
    """One asyncio.Lock per key. Locks are not reentrant."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        async with self.get(key):
            yield

    @asynccontextmanager
    async def hold_many(self, keys: Iterable[str]) -> AsyncIterator[None]:
        """Acquire several locks in a stable (sorted) order to avoid lock inversion."""
        ordered = sorted(set(keys))
        acquired: list[asyncio.Lock] = []
        try:
            for key in ordered:
                lock = self.get(key)
                await lock.acquire()
                acquired.append(lock)
            yield
        finally:
            for lock in reversed(acquired):
                lock.release()


tool_locks = LockRegistry()
