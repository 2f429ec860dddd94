"""A small bounded TTL cache for reference data."""
from __future__ import annotations

import copy
import time
from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    def __init__(self, max_entries: int = 1024, ttl_s: float = 300.0) -> None:
        self.max_entries = max_entries
        self.ttl_s = ttl_s
        self._data: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        stored_at, value = item
        if time.monotonic() - stored_at > self.ttl_s:
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return value

    def get_copy(self, key: Hashable) -> V | None:
        value = self.get(key)
        return copy.deepcopy(value) if value is not None else None

    def put(self, key: Hashable, value: V) -> None:
        self._data[key] = (time.monotonic(), value)
        self._data.move_to_end(key)
        while len(self._data) > self.max_entries:
            self._data.popitem(last=False)

    def invalidate(self, key: Hashable) -> None:
        self._data.pop(key, None)
