"""Small in-process caches for read-mostly exam metadata."""
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
    """LRU + TTL cache; values are deep-copied on the way out so callers can't mutate the shared entry."""

    def __init__(self, maxsize: int = 512, ttl: float = 60.0) -> None:
        self._maxsize = maxsize
        self._ttl = ttl
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._lock = asyncio.Lock()

    async def get_or_load(self, key: K, loader: Callable[[], Awaitable[V]]) -> V:
        now = time.monotonic()
        hit = self._data.get(key)
        if hit is not None and hit[0] > now:
            self._data.move_to_end(key)
            return copy.deepcopy(hit[1])
        value = await loader()
        async with self._lock:
            self._data[key] = (now + self._ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self._maxsize:
                self._data.popitem(last=False)
        return copy.deepcopy(value)

    def invalidate(self, key: K) -> None:
        self._data.pop(key, None)


class ExamSettingsCache:
    """Exam settings blob (calculator allowed, navigation rules, ...) shared by the worker threads and the loop."""

    def __init__(self, ttl: float = 300.0) -> None:
        self._ttl = ttl
        self._lock = threading.Lock()
        self._entries: dict[int, tuple[float, dict[str, Any]]] = {}

    async def get(self, exam_id: int, loader: Callable[[int], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
        with self._lock:
            hit = self._entries.get(exam_id)
            if hit is None or hit[0] < time.monotonic():
                settings = await loader(exam_id)
                hit = (time.monotonic() + self._ttl, settings)
                self._entries[exam_id] = hit
            return dict(hit[1])

    def peek(self, exam_id: int) -> dict[str, Any] | None:
        with self._lock:
            hit = self._entries.get(exam_id)
        return dict(hit[1]) if hit else None


exam_meta_cache: TTLCache[int, dict] = TTLCache(maxsize=1024, ttl=120)
exam_settings_cache = ExamSettingsCache()
