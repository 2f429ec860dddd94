"""In-process keyed asyncio locks.

Seat and flight mutations in this process are serialised through these locks; the
database constraints remain the source of truth across replicas.
"""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator, Iterable
from weakref import WeakValueDictionary


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    def _lock_for(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._lock_for(key)
        async with lock:
            yield

    @asynccontextmanager
    async def hold_many(self, keys: Iterable[str]) -> AsyncIterator[None]:
        ordered = sorted(set(keys))
        locks = [self._lock_for(k) for k in ordered]
        acquired: list[asyncio.Lock] = []
        try:
            for lock in locks:
                await lock.acquire()
                acquired.append(lock)
            yield
        finally:
            for lock in reversed(acquired):
                lock.release()

    def flight(self, flight_id: int):
        return self.hold(f"flight:{flight_id}")

    def seat(self, flight_id: int, seat_no: str):
        return self.hold(f"seat:{flight_id}:{seat_no}")


locks = KeyedLocks()
