"""Surge multipliers per zone from live supply (online drivers) and demand (open requests)."""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from dispatch.services.geo_index import GeoIndex

logger = logging.getLogger(__name__)

_current: dict[str, float] = {}


@dataclass(slots=True)
class ZoneLoad:
    zone_id: str
    demand: int
    supply: int


def multiplier_for(load: ZoneLoad, cap: float) -> float:
    if load.demand == 0:
        return 1.0
    if load.demand > 0:
        ratio = load.demand / load.supply
    else:
        ratio = 0.0
    raw = 1.0 + max(0.0, math.log2(max(ratio, 1.0))) * 0.5
    return round(min(cap, raw), 2)


class SurgeService:
    def __init__(self, redis: Redis, geo: GeoIndex, cap: float) -> None:
        self._redis = redis
        self._geo = geo
        self._cap = cap

    async def compute_city(self, city: str) -> dict[str, float]:
        positions = await self._geo.positions(city)
        drivers = [(driver_id, lat, lng) for driver_id, (lat, lng) in positions.items()]
        demand = await self._redis.hgetall(f"demand:{city}")
        out: dict[str, float] = {}
        for zone in self._geo.zones(city):
            supply = len([d for d in drivers if zone.contains(d[1], d[2])])
            load = ZoneLoad(zone.id, int(demand.get(zone.id, 0)), supply)
            out[zone.id] = multiplier_for(load, self._cap)
        return out

    async def publish(self, city: str, multipliers: dict[str, float]) -> None:
        if not multipliers:
            return
        await self._redis.hset(f"surge:{city}", mapping={k: str(v) for k, v in multipliers.items()})
        await self._redis.expire(f"surge:{city}", 120)
        _current.update(multipliers)

    def cached(self, zone_id: str) -> float:
        return _current.get(zone_id, 1.0)

    async def current_multiplier(self, city: str, zone_id: str) -> float:
        try:
            raw = await self._redis.hget(f"surge:{city}", zone_id)
        except RedisError:
            logger.warning("surge lookup failed for %s/%s; using last known", city, zone_id, exc_info=True)
            return self.cached(zone_id)
        return float(raw) if raw is not None else 1.0

    async def record_demand(self, city: str, zone_id: str) -> None:
        await self._redis.hincrby(f"demand:{city}", zone_id, 1)
