"""In-process caches (TTL/LRU, seat maps) and the shared redis JSON cache."""
from __future__ import annotations

import copy
import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from redis.asyncio import Redis

try:
    import orjson
except ImportError:  # pragma: no cover - optional speedup
    orjson = None


V = TypeVar("V")


class TTLCache(Generic[V]):
    """Small LRU + TTL cache for per-process memoisation of read-mostly data."""

    def __init__(self, maxsize: int = 1024, ttl: float = 60.0) -> None:
        self._data: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._maxsize = maxsize
        self._ttl = ttl

    def get(self, key: str) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        stored_at, value = item
        if time.monotonic() - stored_at > self._ttl:
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return value

    def get_copy(self, key: str) -> Any:
        value = self.get(key)
        return copy.deepcopy(value) if value is not None else None

    def set(self, key: str, value: V) -> None:
        self._data[key] = (time.monotonic(), value)
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    def invalidate(self, key: str) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        self._data.clear()


SeatMap = list[dict[str, Any]]


class SeatMapCache:
    def __init__(self, ttl: float = 20.0, maxsize: int = 2000) -> None:
        self._ttl = ttl
        self._maxsize = maxsize
        self._entries: dict[int, tuple[float, SeatMap]] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    async def get_or_load(self, flight_id: int, loader: Callable[[int], Awaitable[SeatMap]]) -> SeatMap:
        with self._lock:
            entry = self._entries.get(flight_id)
            if entry and time.monotonic() - entry[0] < self._ttl:
                self.hits += 1
                return entry[1]
            self.misses += 1
            seatmap = await loader(flight_id)
            if len(self._entries) >= self._maxsize:
                oldest = min(self._entries, key=lambda k: self._entries[k][0])
                del self._entries[oldest]
            self._entries[flight_id] = (time.monotonic(), seatmap)
            return seatmap

    def invalidate(self, flight_id: int) -> None:
        with self._lock:
            self._entries.pop(flight_id, None)


seatmap_cache = SeatMapCache()



# Shared JSON cache in redis for data that every replica must see identically.


def _dumps(value: Any) -> str:
    if orjson is not None:
        return orjson.dumps(value).decode()
    return json.dumps(value, separators=(",", ":"), default=str)


def cache_key(namespace: str, **params: Any) -> str:
    canonical = json.dumps(params, sort_keys=True, default=str)
    return f"cache:{namespace}:{hashlib.sha1(canonical.encode()).hexdigest()}"


class RedisJsonCache:
    def __init__(self, redis: Redis, default_ttl: int = 60) -> None:
        self._redis = redis
        self._ttl = default_ttl

    async def get_or_set(self, key: str, loader: Callable[[], Awaitable[Any]], ttl: int | None = None) -> Any:
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        value = await loader()
        await self._redis.set(key, _dumps(value), ex=ttl or self._ttl)
        return value

    async def invalidate(self, key: str) -> None:
        await self._redis.delete(key)
