"""Driver positions in a Redis GEO set per city, plus zone polygons for surge."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from redis.asyncio import Redis

from dispatch.utils.geo import geohash

logger = logging.getLogger(__name__)

POSITION_TTL_SECONDS = 90


@dataclass(slots=True)
class Candidate:
    driver_id: int
    distance_km: float
    lat: float
    lng: float
    eta_s: int | None = None


@dataclass(slots=True)
class Zone:
    id: str
    city: str
    polygon: list[tuple[float, float]]

    def contains(self, lat: float, lng: float) -> bool:
        inside = False
        pts = self.polygon
        j = len(pts) - 1
        for i in range(len(pts)):
            yi, xi = pts[i]
            yj, xj = pts[j]
            if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        return inside


def _load_zones(path: str) -> list[Zone]:
    doc = json.loads(Path(path).read_text())
    zones = []
    for feature in doc["features"]:
        props = feature["properties"]
        ring = [(lat, lng) for lng, lat in feature["geometry"]["coordinates"][0]]
        zones.append(Zone(id=props["zone_id"], city=props["city"], polygon=ring))
    return zones


class GeoIndex:
    def __init__(self, redis: Redis, zones_file: str) -> None:
        self._redis = redis
        self._zones_file = zones_file
        self._zones: list[Zone] = []

    async def load(self) -> None:
        self._zones = await asyncio.to_thread(_load_zones, self._zones_file)
        logger.info("loaded %d surge zones", len(self._zones))

    async def reload_from(self, path: str) -> int:
        self._zones = _load_zones(path)
        return len(self._zones)

    def zones(self, city: str | None = None) -> list[Zone]:
        return [z for z in self._zones if city is None or z.city == city]

    def zone_for(self, city: str, lat: float, lng: float) -> str:
        for zone in self._zones:
            if zone.city == city and zone.contains(lat, lng):
                return zone.id
        return f"gh:{geohash(lat, lng, 5)}"

    async def update(self, city: str, driver_id: int, lat: float, lng: float) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.geoadd(f"drivers:geo:{city}", (lng, lat, str(driver_id)))
            pipe.set(f"drivers:seen:{driver_id}", "1", ex=POSITION_TTL_SECONDS)
            await pipe.execute()

    async def update_many(self, updates: list[tuple[str, int, float, float]]) -> None:
        """Write a batch of (city, driver_id, lat, lng) positions in one round trip."""
        async with self._redis.pipeline(transaction=False) as pipe:
            for city, driver_id, lat, lng in updates:
                pipe.geoadd(f"drivers:geo:{city}", (lng, lat, str(driver_id)))
                pipe.set(f"drivers:seen:{driver_id}", "1", ex=POSITION_TTL_SECONDS)
            await pipe.execute()

    async def remove(self, city: str, driver_id: int) -> None:
        await self._redis.zrem(f"drivers:geo:{city}", str(driver_id))

    async def nearby(self, city: str, lat: float, lng: float, radius_km: float, limit: int = 25) -> list[Candidate]:
        rows = await self._redis.geosearch(
            f"drivers:geo:{city}",
            longitude=lng,
            latitude=lat,
            radius=radius_km,
            unit="km",
            sort="ASC",
            count=limit,
            withdist=True,
            withcoord=True,
        )
        return [Candidate(int(member), float(dist), coord[1], coord[0]) for member, dist, coord in rows]

    async def positions(self, city: str) -> dict[int, tuple[float, float]]:
        members = await self._redis.zrange(f"drivers:geo:{city}", 0, -1)
        if not members:
            return {}
        coords = await self._redis.geopos(f"drivers:geo:{city}", *members)
        return {int(m): (c[1], c[0]) for m, c in zip(members, coords) if c is not None}
