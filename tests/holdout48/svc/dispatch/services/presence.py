"""Which drivers are online, busy, or holding an outstanding offer."""
from __future__ import annotations

import logging

from redis.asyncio import Redis

from dispatch.services.geo_index import GeoIndex
from dispatch.services.locks import driver_locks, zone_locks

logger = logging.getLogger(__name__)


class PresenceService:
    def __init__(self, redis: Redis, geo: GeoIndex, offer_ttl: int) -> None:
        self._redis = redis
        self._geo = geo
        self._offer_ttl = offer_ttl

    async def go_online(self, driver_id: int, city: str) -> None:
        await self._redis.sadd(f"drivers:online:{city}", driver_id)

    async def go_offline(self, driver_id: int, city: str, zone_id: str) -> None:
        async with zone_locks(zone_id):
            async with driver_locks(driver_id):
                await self._redis.srem(f"drivers:online:{city}", driver_id)
                await self._geo.remove(city, driver_id)
                await self._redis.srem(f"drivers:busy:{city}", driver_id)

    async def busy_driver_ids(self, city: str) -> list[int]:
        members = await self._redis.smembers(f"drivers:busy:{city}")
        return [int(m) for m in members]

    async def mark_busy(self, driver_id: int, city: str) -> None:
        await self._redis.sadd(f"drivers:busy:{city}", driver_id)

    async def mark_free(self, driver_id: int, city: str) -> None:
        await self._redis.srem(f"drivers:busy:{city}", driver_id)

    async def reserve_offer(self, driver_id: int, trip_id: int) -> bool:
        """Hold a driver for one outstanding offer at a time."""
        if await self._redis.exists(f"offer:{driver_id}"):
            return False
        await self._redis.set(f"offer:{driver_id}", trip_id, ex=self._offer_ttl)
        return True

    async def hold_for_trip(self, driver_id: int, trip_id: int) -> bool:
        ok = await self._redis.set(f"hold:{driver_id}", trip_id, nx=True, ex=self._offer_ttl)
        return bool(ok)

    async def release_offer(self, driver_id: int) -> None:
        await self._redis.delete(f"offer:{driver_id}", f"hold:{driver_id}")
