from __future__ import annotations

import logging

from redis.asyncio import Redis

from ..db.models import Zone
from ..errors import PassbackViolation
from .occupancy import OccupancyService, ZoneLocks

log = logging.getLogger(__name__)


class AntiPassbackService:
    """Rejects a badge entering a zone twice without leaving (or leaving twice)."""

    def __init__(self, redis: Redis, locks: ZoneLocks, occupancy: OccupancyService) -> None:
        self._redis = redis
        self._locks = locks
        self._occupancy = occupancy

    async def evaluate(self, zone: Zone, credential_id: int, direction: str) -> None:
        if zone.passback_mode == "off":
            await self._occupancy.record_transition(zone.id, credential_id, direction)
            return
        async with self._locks.lock_for(zone.id):
            last = await self._redis.hget(f"apb:zone:{zone.id}", str(credential_id))
            if last == direction:
                if zone.passback_mode == "hard":
                    raise PassbackViolation(f"credential {credential_id} already {direction} zone {zone.id}")
                log.warning("soft passback: credential %s %s zone %s twice", credential_id, direction, zone.id)
            await self._redis.hset(f"apb:zone:{zone.id}", str(credential_id), direction)
            await self._occupancy.record_transition(zone.id, credential_id, direction)

    async def reset(self, zone_id: int, credential_id: int) -> None:
        async with self._locks.lock_for(zone_id):
            await self._redis.hdel(f"apb:zone:{zone_id}", str(credential_id))
