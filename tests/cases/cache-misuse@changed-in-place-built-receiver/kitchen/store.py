"""A small in-process cache with expiry, written for this service."""
from __future__ import annotations

import time
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ExpiringCache(Generic[K, V]):
    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._items: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        found = self._items.get(key)
        if found is None or found[0] < time.monotonic():
            return None
        return found[1]

    def set(self, key: K, value: V) -> None:
        self._items[key] = (time.monotonic() + self._ttl, value)
