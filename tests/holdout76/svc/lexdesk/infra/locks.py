"""In-process concurrency helpers shared by services."""
from __future__ import annotations

import asyncio
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any


class KeyedLocks:
    """One asyncio.Lock per aggregate key; entries vanish once no coroutine holds a reference."""

    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def _get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    def matter(self, matter_id: int) -> asyncio.Lock:
        return self._get(f"matter:{matter_id}")

    def client_ledger(self, client_id: int) -> asyncio.Lock:
        return self._get(f"ledger:{client_id}")

    def document(self, document_id: int) -> asyncio.Lock:
        return self._get(f"document:{document_id}")


class LoaderCache:
    """Small TTL memo read by request handlers and by helpers running in worker threads."""

    def __init__(self, max_entries: int = 512) -> None:
        self._data: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._max_entries = max_entries
        self._mutex = threading.Lock()

    def peek(self, key: str) -> Any | None:
        with self._mutex:
            hit = self._data.get(key)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    async def get_or_load(self, key: str, loader: Callable[[], Awaitable[Any]], ttl: float) -> Any:
        with self._mutex:  # the thread-pool readers share this map
            hit = self._data.get(key)
            if hit is not None and hit[0] >= time.monotonic():
                self._data.move_to_end(key)
                return hit[1]
            value = await loader()
            self._data[key] = (time.monotonic() + ttl, value)
            self._data.move_to_end(key)
            if len(self._data) > self._max_entries:
                self._data.popitem(last=False)
            return value
