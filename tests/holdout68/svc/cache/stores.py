"""Caches: the in-process clinic directory and the Redis cache of bookable slots."""
from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Clinic

logger = logging.getLogger(__name__)


class ClinicDirectory:
    def __init__(self) -> None:
        self._entries: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=512, ttl=300)

    async def get(self, session: AsyncSession, clinic_id: int) -> dict[str, Any] | None:
        entry = self._entries.get(clinic_id)
        if entry is None:
            clinic = await session.get(Clinic, clinic_id)
            if clinic is None:
                return None
            entry = {
                "id": clinic.id,
                "name": clinic.name,
                "timezone": clinic.timezone,
                "phone": clinic.phone,
                "opens_at": clinic.opens_at,
                "closes_at": clinic.closes_at,
                "slot_minutes": clinic.slot_minutes,
                "is_active": clinic.is_active,
            }
            self._entries[clinic_id] = entry
        return dict(entry)


clinic_directory = ClinicDirectory()



SLOT_TTL_S = 300


class SlotCache:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    @staticmethod
    def _key(clinic_id: int, day: date) -> str:
        return f"slots:{clinic_id}:{day.isoformat()}"

    async def get_or_compute(
        self, clinic_id: int, day: date, compute: Callable[[], Awaitable[list[dict]]]
    ) -> list[dict]:
        key = self._key(clinic_id, day)
        try:
            cached = await self.redis.get(key)
        except RedisError:
            logger.warning("slot cache read failed for %s; computing from database", key, exc_info=True)
            return await compute()
        if cached is not None:
            return json.loads(cached)
        slots = await compute()
        try:
            await self.redis.set(key, json.dumps(slots, default=str), ex=SLOT_TTL_S)
        except RedisError:
            logger.warning("slot cache write failed for %s", key, exc_info=True)
        return slots

    async def invalidate(self, clinic_id: int, day: date) -> None:
        try:
            await self.redis.delete(self._key(clinic_id, day))
        except RedisError:
            pass
