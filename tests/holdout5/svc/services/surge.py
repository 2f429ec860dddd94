"""Surge pricing: demand/supply per cell, recomputed periodically."""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from types import MappingProxyType
from typing import Final

from redis.asyncio import Redis

from svc.cache.geo import DriverGeoIndex
from svc.config import settings

log = logging.getLogger(__name__)

ACTIVE_CITIES: Final = ("berlin", "hamburg", "munich", "cologne")
CITY_BASE_MULTIPLIER: Final = MappingProxyType({"berlin": 1.0, "hamburg": 1.0, "munich": 1.1, "cologne": 1.0})

_surge_overrides: dict[str, float] = {}
_publish_lock = threading.Lock()
_stats_lock = threading.Lock()
_last_published: dict[str, float] = {}


def set_override(city: str, multiplier: float | None) -> None:
    if multiplier is None:
        _surge_overrides.pop(city, None)
    else:
        _surge_overrides[city] = multiplier


def _multiplier(demand: int, supply: int) -> float:
    if supply <= 0:
        return settings.surge_cap if demand else 1.0
    ratio = demand / supply
    if ratio < 1.2:
        return 1.0
    return round(min(1.0 + (ratio - 1.2) * 0.5, settings.surge_cap), 1)


def _note_published(city: str) -> None:
    _last_published[city] = time.time()


class SurgeService:
    def __init__(self, redis: Redis, geo: DriverGeoIndex) -> None:
        self._redis = redis
        self._geo = geo

    async def get_multiplier(self, city: str, cell: str) -> float:
        if city in _surge_overrides:
            return _surge_overrides[city]
        raw = await self._redis.hget(f"surge:{city}", cell)
        base = CITY_BASE_MULTIPLIER.get(city, 1.0)
        return min(base * float(raw or 1.0), settings.surge_cap)

    async def record_demand(self, city: str, cell: str) -> None:
        key = f"demand:{city}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hincrby(key, cell, 1)
            pipe.expire(key, 300)
            await pipe.execute()

    async def recompute_city(self, city: str) -> int:
        demand = await self._redis.hgetall(f"demand:{city}")
        supply = await self._geo.supply_by_cell(city)
        multipliers = {cell: _multiplier(int(count), supply.get(cell, 0)) for cell, count in demand.items()}
        if not multipliers:
            return 0
        with _publish_lock:
            await self._redis.hset(f"surge:{city}", mapping=multipliers)
            await self._redis.expire(f"surge:{city}", 120)
        _note_published(city)
        return len(multipliers)

    async def publish_stats(self) -> dict[str, float]:
        now = time.time()
        with _stats_lock:
            snapshot = dict(_last_published)
        return {city: now - at for city, at in snapshot.items()}


async def run_surge_loop(service: SurgeService) -> None:
    while True:
        for city in ACTIVE_CITIES:
            updated = await service.recompute_city(city)
            log.debug("surge %s: %d cells", city, updated)
        await asyncio.sleep(settings.surge_interval_seconds)
