from __future__ import annotations

import copy
import time
from collections import OrderedDict
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    """Bounded LRU cache with per-entry expiry."""

    def __init__(self, maxsize: int = 1024, ttl: float = 60.0) -> None:
        self._maxsize = maxsize
        self._ttl = ttl
        self._data: OrderedDict[Any, tuple[float, V]] = OrderedDict()

    def get(self, key: Any) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return copy.deepcopy(value)

    def set(self, key: Any, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    def invalidate(self, key: Any) -> None:
        self._data.pop(key, None)
