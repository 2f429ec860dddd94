"""Per-key asyncio locks for in-process serialisation of money movements.

Cross-replica safety is provided by row locks in the database; these only stop
two coroutines in the same process from racing on the same bet or wallet.
"""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from typing import AsyncIterator
from weakref import WeakValueDictionary


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: WeakValueDictionary[object, asyncio.Lock] = WeakValueDictionary()

    def get(self, key: object) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    @asynccontextmanager
    async def hold(self, key: object) -> AsyncIterator[None]:
        lock = self.get(key)
        async with lock:
            yield


    @asynccontextmanager
    async def hold_many(self, keys: list[object]) -> AsyncIterator[None]:
        """Hold several keys at once; always acquired in a stable order."""
        ordered = sorted(set(keys), key=repr)
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


bet_locks = KeyedLocks()
wallet_locks = KeyedLocks()
