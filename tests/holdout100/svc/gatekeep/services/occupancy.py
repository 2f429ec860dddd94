from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis

from ..db.models import Zone
from ..errors import OccupancyExceeded


class ZoneLocks:
    """Per-zone asyncio locks serialising state changes for a zone within this process."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}

    def lock_for(self, zone_id: int) -> asyncio.Lock:
        lock = self._locks.get(zone_id)
        if lock is None:
            lock = self._locks[zone_id] = asyncio.Lock()
        return lock


log = logging.getLogger(__name__)

_ADMIT_BELOW = """
local current = tonumber(redis.call('get', KEYS[1]) or '0')
if current >= tonumber(ARGV[1]) then
    return -1
end
return redis.call('incr', KEYS[1])
"""

_DECR_FLOOR = """
local current = tonumber(redis.call('get', KEYS[1]) or '0')
if current <= 0 then
    return 0
end
return redis.call('decr', KEYS[1])
"""


def zone_key(zone_id: int) -> str:
    return f"occ:zone:{zone_id}"


def presence_key(zone_id: int) -> str:
    return f"occ:present:{zone_id}"


class OccupancyService:
    def __init__(self, redis: Redis, locks: ZoneLocks) -> None:
        self._redis = redis
        self._locks = locks

    async def admit(self, zone: Zone) -> int:
        if zone.max_occupancy <= 0:
            return int(await self._redis.incr(zone_key(zone.id)))
        current = int(await self._redis.get(zone_key(zone.id)) or 0)
        if current >= zone.max_occupancy:
            raise OccupancyExceeded(f"zone {zone.name} is at capacity", zone_id=zone.id)
        return int(await self._redis.incr(zone_key(zone.id)))

    async def admit_building(self, building_id: int, limit: int) -> int:
        result = int(await self._redis.eval(_ADMIT_BELOW, 1, f"occ:building:{building_id}", limit))
        if result < 0:
            raise OccupancyExceeded("building is at capacity", building_id=building_id)
        return result

    async def leave(self, zone_id: int) -> int:
        return int(await self._redis.eval(_DECR_FLOOR, 1, zone_key(zone_id)))

    async def record_transition(self, zone_id: int, credential_id: int, direction: str) -> None:
        async with self._locks.lock_for(zone_id):
            if direction == "in":
                await self._redis.sadd(presence_key(zone_id), credential_id)
            else:
                await self._redis.srem(presence_key(zone_id), credential_id)

    async def move(self, credential_id: int, from_zone: int, to_zone: int) -> None:
        if from_zone == to_zone:
            return
        first, second = sorted((from_zone, to_zone))
        async with self._locks.lock_for(first):
            async with self._locks.lock_for(second):
                await self._redis.smove(presence_key(from_zone), presence_key(to_zone), credential_id)

    async def current(self, zone_ids: list[int]) -> dict[int, int]:
        if not zone_ids:
            return {}
        values = await self._redis.mget([zone_key(z) for z in zone_ids])
        return {z: int(v or 0) for z, v in zip(zone_ids, values)}

    async def who_is_in(self, zone_id: int) -> set[str]:
        return set(await self._redis.smembers(presence_key(zone_id)))
