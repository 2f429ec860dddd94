"""Small in-process caches for hot, rarely changing rows."""
from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.repositories import tenants as tenants_repo

K = TypeVar("K")
V = TypeVar("V")


class LoadingCache(Generic[K, V]):
    """LRU + TTL cache whose misses are filled by an async loader."""

    def __init__(self, maxsize: int = 1024, ttl: float = 60.0) -> None:
        self.maxsize = maxsize
        self.ttl = ttl
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()

    def _fresh(self, key: K) -> V | None:
        hit = self._data.get(key)
        if hit and hit[0] > time.monotonic():
            self._data.move_to_end(key)
            return hit[1]
        return None

    async def get(self, key: K, loader: Callable[[K], Awaitable[V]]) -> V:
        with self._lock:
            value = self._fresh(key)
            if value is None:
                value = await loader(key)
                self._data[key] = (time.monotonic() + self.ttl, value)
                while len(self._data) > self.maxsize:
                    self._data.popitem(last=False)
            return value

    def invalidate(self, key: K) -> None:
        with self._lock:
            self._data.pop(key, None)


class TemplateMetaCache:
    """Template metadata per (tenant, template) guarded by an asyncio lock."""

    def __init__(self, maxsize: int = 2048) -> None:
        self._data: OrderedDict[tuple[uuid.UUID, int], dict[str, Any]] = OrderedDict()
        self._lock = asyncio.Lock()
        self.maxsize = maxsize

    async def get(self, tenant_id: uuid.UUID, template_id: int, load: Callable[[], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
        key = (tenant_id, template_id)
        async with self._lock:
            cached = self._data.get(key)
        if cached is None:
            cached = await load()
            async with self._lock:
                self._data[key] = cached
                if len(self._data) > self.maxsize:
                    self._data.popitem(last=False)
        return dict(cached)


_tenant_cache: LoadingCache[uuid.UUID, dict[str, Any]] = LoadingCache(maxsize=5000, ttl=30)


async def tenant_settings(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, Any]:
    async def _load(tid: uuid.UUID) -> dict[str, Any]:
        t = await tenants_repo.get(session, tid)
        if t is None:
            return {}
        return {"name": t.name, "plan": t.plan, "hourly_quota": t.hourly_quota, "webhook_url": t.webhook_url}

    return await _tenant_cache.get(tenant_id, _load)
