from __future__ import annotations

import asyncio
import copy
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Generic, TypeVar

import redis.asyncio as redis

K = TypeVar("K")
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """Small LRU cache with per-entry expiry, for process-local read-mostly data."""

    def __init__(self, maxsize: int, ttl: float) -> None:
        self._maxsize = maxsize
        self._ttl = ttl
        self._data: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        entry = self._data.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires < time.monotonic():
            self._data.pop(key, None)
            return None
        self._data.move_to_end(key)
        return value

    def set(self, key: K, value: V) -> None:
        self._data[key] = (time.monotonic() + self._ttl, value)
        self._data.move_to_end(key)
        while len(self._data) > self._maxsize:
            self._data.popitem(last=False)

    def invalidate(self, key: K) -> None:
        self._data.pop(key, None)


class JurisdictionRulesCache:
    """Overtime rules per jurisdiction; rows change a few times a year."""

    def __init__(self, loader: Callable[[str], Awaitable[dict[str, Any]]]) -> None:
        self._loader = loader
        self._cache: TTLCache[str, dict[str, Any]] = TTLCache(maxsize=256, ttl=600)

    async def get(self, code: str) -> dict[str, Any]:
        rules = self._cache.get(code)
        if rules is None:
            rules = await self._loader(code)
            self._cache.set(code, rules)
        return copy.deepcopy(rules)


class EmployeeRateCache:
    """Hourly rates shared across replicas; invalidated when HR sync changes a rate."""

    def __init__(self, client: redis.Redis, ttl_seconds: int = 900) -> None:
        self._redis = client
        self._ttl = ttl_seconds

    async def get(self, employee_id: int) -> Decimal | None:
        raw = await self._redis.get(f"rate:{employee_id}")
        return Decimal(raw) if raw is not None else None

    async def set(self, employee_id: int, rate: Decimal) -> None:
        await self._redis.set(f"rate:{employee_id}", str(rate), ex=self._ttl)

    async def invalidate(self, employee_id: int) -> None:
        await self._redis.delete(f"rate:{employee_id}")


class DirectoryCache:
    """Manager -> direct reports, used by the live clock-in feed to filter events."""

    def __init__(self, loader: Callable[[], Awaitable[dict[int, list[int]]]], ttl: float = 300) -> None:
        self._loader = loader
        self._ttl = ttl
        self._refresh_lock = threading.Lock()
        self._reports: dict[int, frozenset[int]] = {}
        self._loaded_at = 0.0

    async def reports_of(self, manager_id: int) -> frozenset[int]:
        if time.monotonic() - self._loaded_at > self._ttl:
            with self._refresh_lock:
                raw = await self._loader()
                self._reports = {m: frozenset(ids) for m, ids in raw.items()}
                self._loaded_at = time.monotonic()
        return self._reports.get(manager_id, frozenset())


@lru_cache(maxsize=None)
def holidays_for(jurisdiction_code: str, year: int) -> frozenset[date]:
    path = f"/etc/payroll/holidays/{jurisdiction_code.lower()}.json"
    with open(path, encoding="utf-8") as fh:
        days = json.load(fh).get(str(year), [])
    return frozenset(date.fromisoformat(d) for d in days)


async def load_holidays(jurisdiction_code: str, year: int) -> frozenset[date]:
    return await asyncio.to_thread(holidays_for, jurisdiction_code, year)
