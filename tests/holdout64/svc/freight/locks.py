"""Per-entity asyncio locks shared by services running in this process.

Always take a load lock before a carrier lock when both are needed.
"""
from __future__ import annotations

import asyncio
import weakref


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock


_loads = KeyedLocks()
_carriers = KeyedLocks()


def load_lock(load_id) -> asyncio.Lock:
    return _loads.get(str(load_id))


def carrier_lock(carrier_id) -> asyncio.Lock:
    return _carriers.get(str(carrier_id))
