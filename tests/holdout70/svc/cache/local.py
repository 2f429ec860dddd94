"""In-process caches for read-mostly reference data."""
from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from cachetools import TTLCache

K = TypeVar("K")
V = TypeVar("V")


class EventMetaCache:
    """Event name/sport/start time keyed by event id; filled on first read."""

    def __init__(self, loader: Callable[[int], Awaitable[dict[str, Any]]]) -> None:
        self._loader = loader
        self._store: dict[int, dict[str, Any]] = {}
        self._lock = threading.Lock()

    async def get(self, event_id: int) -> dict[str, Any]:
        with self._lock:
            meta = self._store.get(event_id)
            if meta is None:
                meta = await self._loader(event_id)
                self._store[event_id] = meta
        return meta


class MarketTemplateCache(Generic[K, V]):
    """Market templates change a few times a day; 10 minute TTL, bounded."""

    def __init__(self, maxsize: int = 2048, ttl_s: float = 600.0) -> None:
        self._data: TTLCache[K, V] = TTLCache(maxsize=maxsize, ttl=ttl_s)
        self._guard = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._guard:
            return self._data.get(key)

    def put(self, key: K, value: V) -> None:
        with self._guard:
            self._data[key] = value


class Stopwatch:
    def __init__(self) -> None:
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started
