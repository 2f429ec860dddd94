"""Short-lived redis cache of rendered availability per practitioner and day."""
from __future__ import annotations

import json
from datetime import date

from redis.asyncio import Redis


class AvailabilityCache:
    def __init__(self, redis: Redis, ttl_seconds: int = 30) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    @staticmethod
    def _key(practitioner_id: int, day: date) -> str:
        return f"avail:{practitioner_id}:{day.isoformat()}"

    async def get(self, practitioner_id: int, day: date) -> list[dict] | None:
        raw = await self._redis.get(self._key(practitioner_id, day))
        return json.loads(raw) if raw else None

    async def put(self, practitioner_id: int, day: date, slots: list[dict]) -> None:
        await self._redis.set(self._key(practitioner_id, day), json.dumps(slots), ex=self._ttl)

    async def invalidate(self, practitioner_id: int, day: date) -> None:
        await self._redis.delete(self._key(practitioner_id, day))
