from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    """Small in-process LRU cache with a per-entry time to live."""

    def __init__(self, maxsize: int = 1024, ttl: float = 60.0) -> None:
        self._maxsize = maxsize
        self._ttl = ttl
        self._entries: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._guard = threading.Lock()

    def get(self, key: str) -> V | None:
        item = self._entries.get(key)
        if item is None:
            return None
        stored_at, value = item
        if time.monotonic() - stored_at > self._ttl:
            self._entries.pop(key, None)
            return None
        self._entries.move_to_end(key)
        return value

    def set(self, key: str, value: V) -> None:
        with self._guard:
            self._entries[key] = (time.monotonic(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._maxsize:
                self._entries.popitem(last=False)

    def invalidate(self, key: str) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()
