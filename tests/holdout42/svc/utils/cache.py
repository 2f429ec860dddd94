from __future__ import annotations

from collections import OrderedDict
import copy
import time
from typing import Generic, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    """Small process-local LRU cache with per-entry expiry.

    Values are returned as deep copies so callers may freely modify what they get.
    """

    def __init__(self, max_entries: int = 1024, ttl_seconds: float = 300.0) -> None:
        self._data: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._max = max_entries
        self._ttl = ttl_seconds

    def get(self, key: str) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return copy.deepcopy(value)

    def set(self, key: str, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._max:
            self._data.popitem(last=False)

    def invalidate(self, key: str) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        self._data.clear()


class RefCache(Generic[V]):
    """Like TTLCache but hands out the stored object itself (no copy).

    Only for immutable values or values that callers promise not to modify.
    """

    def __init__(self, ttl_seconds: float = 60.0, max_entries: int = 256) -> None:
        self._inner: TTLCache[V] = TTLCache(max_entries=max_entries, ttl_seconds=ttl_seconds)

    def get(self, key: str) -> V | None:
        item = self._inner._data.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def set(self, key: str, value: V) -> None:
        self._inner.set(key, value)

    def invalidate(self, key: str) -> None:
        self._inner.invalidate(key)
