"""Two-level menu cache: a small in-process TTL cache in front of redis."""
from __future__ import annotations

import copy
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

import redis.asyncio as redis


V = TypeVar("V")


class TTLCache(Generic[V]):
    """Size-bounded LRU with per-entry expiry. Not thread-safe; used from the event loop only."""

    def __init__(self, maxsize: int = 1024, ttl: float = 60.0) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[str, tuple[float, V]] = OrderedDict()

    def get(self, key: str) -> V | None:
        hit = self._data.get(key)
        if hit is None:
            return None
        expires, value = hit
        if expires < time.monotonic():
            del self._data[key]
            return None
        self._data.move_to_end(key)
        return value

    def set(self, key: str, value: V) -> None:
        self._data[key] = (time.monotonic() + self.ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self.maxsize:
            self._data.popitem(last=False)

    def pop(self, key: str) -> None:
        self._data.pop(key, None)


MenuPayload = list[dict[str, Any]]


class MenuCache:
    def __init__(self, client: redis.Redis, ttl: int = 300) -> None:
        self._redis = client
        self._ttl = ttl
        self._local: TTLCache[MenuPayload] = TTLCache(maxsize=512, ttl=30)
        self._fill_lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def _count(self, hit: bool) -> None:
        with self._stats_lock:
            if hit:
                self._hits += 1
            else:
                self._misses += 1

    def stats(self) -> dict[str, int]:
        return {"hits": self._hits, "misses": self._misses}

    async def get_menu(
        self,
        restaurant_id: int,
        include_unavailable: bool,
        loader: Callable[[], Awaitable[MenuPayload]],
    ) -> MenuPayload:
        key = f"menu:{restaurant_id}"
        cached = self._local.get(key)
        if cached is not None:
            self._count(True)
            # callers overlay live availability onto the items they receive
            return copy.deepcopy(cached)
        raw = await self._redis.get(key)
        if raw is not None:
            menu = json.loads(raw)
        else:
            self._count(False)
            with self._fill_lock:
                menu = await loader()
            await self._redis.set(key, json.dumps(menu), ex=self._ttl)
        self._local.set(key, menu)
        return [dict(item) for item in menu]

    async def invalidate(self, restaurant_id: int) -> None:
        self._local.pop(f"menu:{restaurant_id}")
        await self._redis.delete(f"menu:{restaurant_id}")
