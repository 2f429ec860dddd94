"""A small in-process TTL cache shared by every request of this process."""
from __future__ import annotations

import time
from typing import Generic, TypeVar

V = TypeVar("V")


class TTLCache(Generic[V]):
    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._data: dict[str, tuple[float, V]] = {}

    def get(self, key: str) -> V | None:
        item = self._data.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def set(self, key: str, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
