"""In-process caches: rendered lot summaries and public seller profiles."""
from __future__ import annotations

import copy
import time
from typing import Any

from cachetools import TTLCache


class LotCache:
    def __init__(self, ttl_s: float = 5.0) -> None:
        self._ttl = ttl_s
        self._items: dict[int, tuple[float, dict[str, Any]]] = {}

    def get(self, lot_id: int) -> dict[str, Any] | None:
        hit = self._items.get(lot_id)
        if hit is None:
            return None
        stored_at, summary = hit
        if time.monotonic() - stored_at > self._ttl:
            return None
        return summary

    def put(self, lot_id: int, summary: dict[str, Any]) -> None:
        self._items[lot_id] = (time.monotonic(), summary)

    def delete(self, lot_id: int) -> None:
        self._items.pop(lot_id, None)


class ProfileCache:
    """Public seller profiles (name, rating, counts); small and read-heavy."""

    def __init__(self) -> None:
        self._cache: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=10_000, ttl=120)

    def get(self, seller_id: int) -> dict[str, Any] | None:
        entry = self._cache.get(seller_id)
        return copy.deepcopy(entry) if entry is not None else None

    def put(self, seller_id: int, profile: dict[str, Any]) -> None:
        self._cache[seller_id] = profile

    def drop(self, seller_id: int) -> None:
        self._cache.pop(seller_id, None)
