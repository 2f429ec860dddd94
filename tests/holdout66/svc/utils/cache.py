"""Small in-process caches for read-mostly, per-replica data."""
from __future__ import annotations

import asyncio
import copy
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    """LRU with a per-entry TTL and single-flight loading."""

    def __init__(self, maxsize: int = 1024, ttl: float = 30.0) -> None:
        self._maxsize = maxsize
        self._ttl = ttl
        self._data: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._loading: dict[str, asyncio.Lock] = {}

    def _get_fresh(self, key: str) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires_at, value = item
        if expires_at < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return copy.deepcopy(value)

    def put(self, key: str, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, copy.deepcopy(value))
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    async def get_or_load(self, key: str, loader: Callable[[], Awaitable[V]]) -> V:
        value = self._get_fresh(key)
        if value is not None:
            return value
        lock = self._loading.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                value = self._get_fresh(key)
                if value is not None:
                    return value
                loaded = await asyncio.wait_for(loader(), timeout=10)
                self.put(key, loaded)
                return loaded
        finally:
            if not lock.locked():
                self._loading.pop(key, None)

    def invalidate(self, key: str) -> None:
        self._data.pop(key, None)

    def __len__(self) -> int:
        return len(self._data)
