"""Driver positions in Redis GEO sets, one key per city."""
from __future__ import annotations

from collections import Counter

from redis.asyncio import Redis

from svc.services.geometry import cell_id


def _key(city: str) -> str:
    return f"geo:drivers:{city}"


class DriverGeoIndex:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def update(self, city: str, driver_id: int, lat: float, lng: float) -> None:
        await self._redis.geoadd(_key(city), (lng, lat, str(driver_id)))

    async def remove(self, city: str, driver_id: int) -> None:
        await self._redis.zrem(_key(city), str(driver_id))

    async def nearby(self, city: str, lat: float, lng: float, radius_km: float = 3.0, count: int = 20) -> list[tuple[int, float]]:
        hits = await self._redis.geosearch(
            _key(city),
            longitude=lng,
            latitude=lat,
            radius=radius_km,
            unit="km",
            sort="ASC",
            count=count,
            withdist=True,
        )
        return [(int(member), float(dist)) for member, dist in hits]

    async def supply_by_cell(self, city: str) -> Counter[str]:
        members = await self._redis.zrange(_key(city), 0, -1)
        if not members:
            return Counter()
        positions = await self._redis.geopos(_key(city), *members)
        return Counter(cell_id(lat, lng) for pos in positions if pos for lng, lat in [pos])
