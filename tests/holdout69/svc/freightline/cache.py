"""In-process caches for slow lookups."""
from __future__ import annotations

import asyncio
import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """Bounded LRU with per-entry expiry."""

    def __init__(self, maxsize: int = 2048, ttl: float = 300.0) -> None:
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._maxsize = maxsize
        self._ttl = ttl

    def get(self, key: K) -> V | None:
        item = self._data.get(key)
        if item is None:
            return None
        expires, value = item
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return copy.deepcopy(value)

    def set(self, key: K, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)


class RateCache:
    """Spot rates keyed by lane and pickup date."""

    def __init__(self, ttl: float = 900.0) -> None:
        self._ttl = ttl
        self._entries: dict[tuple[str, str, str, str], tuple[float, dict[str, Any]]] = {}

    def get(self, key: tuple[str, str, str, str]) -> dict[str, Any] | None:
        hit = self._entries.get(key)
        if hit and hit[0] > time.monotonic():
            return dict(hit[1])
        return None

    def put(self, key: tuple[str, str, str, str], value: dict[str, Any]) -> None:
        self._entries[key] = (time.monotonic() + self._ttl, dict(value))


class LoaderCache(Generic[K, V]):
    """Read-through cache shared between request handlers and sync admin tooling."""

    def __init__(self, loader: Callable[[K], Awaitable[V]], ttl: float = 60.0) -> None:
        self._loader = loader
        self._ttl = ttl
        self._mutex = threading.Lock()
        self._values: dict[K, tuple[float, V]] = {}

    async def get(self, key: K) -> V:
        with self._mutex:
            hit = self._values.get(key)
            if hit is not None and hit[0] > time.monotonic():
                return hit[1]
            value = await self._loader(key)
            self._values[key] = (time.monotonic() + self._ttl, value)
            if len(self._values) > 10_000:
                self._values.clear()
            return value

    def invalidate(self, key: K) -> None:
        self._mutex.acquire()
        try:
            self._values.pop(key, None)
        finally:
            self._mutex.release()


class SingleFlight(Generic[K, V]):
    """Coalesce concurrent loads of the same key into one awaitable."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._inflight: dict[K, asyncio.Future[V]] = {}

    async def run(self, key: K, loader: Callable[[], Awaitable[V]]) -> V:
        async with self._lock:
            fut = self._inflight.get(key)
            owner = fut is None
            if owner:
                fut = asyncio.get_running_loop().create_future()
                self._inflight[key] = fut
        if not owner:
            return await fut
        try:
            value = await loader()
            fut.set_result(value)
            return value
        except BaseException as exc:
            fut.set_exception(exc)
            raise
        finally:
            async with self._lock:
                self._inflight.pop(key, None)
