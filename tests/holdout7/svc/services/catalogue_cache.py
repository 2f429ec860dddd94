from __future__ import annotations

import asyncio
import json
import os
import time
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from svc.config import get_settings

settings = get_settings()


class TTLCache:
    def __init__(self, maxsize: int, ttl: float) -> None:
        self._maxsize = maxsize
        self._ttl = ttl
        self._data: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = asyncio.Lock()

    async def get(self, key: str) -> Any | None:
        async with self._lock:
            item = self._data.get(key)
            if item is None:
                return None
            expires, value = item
            if expires < time.monotonic():
                del self._data[key]
                return None
            self._data.move_to_end(key)
            return dict(value) if isinstance(value, dict) else value

    async def set(self, key: str, value: Any) -> None:
        async with self._lock:
            self._data[key] = (time.monotonic() + self._ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self._maxsize:
                self._data.popitem(last=False)


catalogue_cache = TTLCache(maxsize=2048, ttl=300)

_instructor_bios: dict[int, str] = {}


def remember_bio(instructor_id: int, bio: str) -> None:
    _instructor_bios[instructor_id] = bio


def cached_bio(instructor_id: int) -> str | None:
    return _instructor_bios.get(instructor_id)


@lru_cache(maxsize=256)
def syllabus_for(slug: str) -> dict:
    path = os.path.join(settings.media_root, "syllabi", f"{slug}.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class PriceTable:
    def __init__(self, currency: str) -> None:
        self.currency = currency
        self.rates = {"EUR": 1.0, "USD": 1.08, "GBP": 0.86}

    @lru_cache(maxsize=None)
    def convert(self, amount_cents: int, target: str) -> int:
        return round(amount_cents * self.rates[target] / self.rates[self.currency])
