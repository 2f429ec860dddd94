"""Per-process caches: tariff rows per zone and zone metadata."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TariffInfo:
    zone_id: int
    rate_cents_per_hour: int
    max_minutes: int


Loader = Callable[[int], Awaitable[TariffInfo]]


class TariffCache:
    def __init__(self, loader: Loader, ttl_s: float = 60.0) -> None:
        self._loader = loader
        self._ttl = ttl_s
        self._lock = threading.Lock()
        self._entries: dict[int, tuple[float, TariffInfo]] = {}

    async def get(self, zone_id: int) -> TariffInfo:
        with self._lock:
            entry = self._entries.get(zone_id)
            if entry is not None and time.monotonic() - entry[0] < self._ttl:
                return entry[1]
            loaded = await self._loader(zone_id)
            self._entries[zone_id] = (time.monotonic(), loaded)
            return loaded

    def invalidate(self, zone_id: int | None = None) -> None:
        if zone_id is None:
            self._entries.clear()
        else:
            self._entries.pop(zone_id, None)


@dataclass(frozen=True)
class ZoneInfo:
    id: int
    code: str
    name: str
    kind: str
    capacity: int


class ZoneCache:
    def __init__(self, max_entries: int = 512, ttl_s: float = 300.0) -> None:
        self._max_entries = max_entries
        self._ttl = ttl_s
        self._entries: OrderedDict[int, tuple[float, ZoneInfo]] = OrderedDict()

    def get(self, zone_id: int) -> ZoneInfo | None:
        hit = self._entries.get(zone_id)
        if hit is None:
            return None
        stored_at, info = hit
        if time.monotonic() - stored_at > self._ttl:
            del self._entries[zone_id]
            return None
        self._entries.move_to_end(zone_id)
        return info

    def put(self, info: ZoneInfo) -> None:
        self._entries[info.id] = (time.monotonic(), info)
        self._entries.move_to_end(info.id)
        if len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)

    def as_map(self) -> dict[int, ZoneInfo]:
        return {zone_id: info for zone_id, (_, info) in self._entries.items()}


zone_cache = ZoneCache()
