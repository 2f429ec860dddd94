"""Per-key lock registries: one object per kind of resource.

Convention: order before stock, tenant before bin.
"""
from __future__ import annotations

import asyncio
from collections import defaultdict


class GuardTable:
    """Callable: `order_mutex(order_id)` is the lock of that order."""

    def __init__(self) -> None:
        self._mutex_table: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def __call__(self, key: object) -> asyncio.Lock:
        return self._mutex_table[str(key)]


class LockShelf:
    def __init__(self) -> None:
        self._mutexes: dict[str, asyncio.Lock] = {}

    def lock_for(self, key: str) -> asyncio.Lock:
        if key not in self._mutexes:
            self._mutexes[key] = asyncio.Lock()
        return self._mutexes[key]


order_mutex = GuardTable()
stock_mutex = GuardTable()
tenant_locks = LockShelf()
bin_locks = LockShelf()
