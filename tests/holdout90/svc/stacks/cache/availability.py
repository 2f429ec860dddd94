from __future__ import annotations

import json
import logging

import redis.asyncio as redis

log = logging.getLogger(__name__)

AVAILABILITY_TTL_S = 120


class AvailabilityCache:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    @staticmethod
    def _key(title_id: int, branch_id: int) -> str:
        return f"avail:{title_id}:{branch_id}"

    async def get(self, title_id: int, branch_id: int) -> dict | None:
        raw = await self._redis.get(self._key(title_id, branch_id))
        return json.loads(raw) if raw else None

    async def put(self, title_id: int, branch_id: int, value: dict) -> None:
        await self._redis.set(self._key(title_id, branch_id), json.dumps(value), ex=AVAILABILITY_TTL_S)

    async def invalidate(self, title_id: int, branch_id: int) -> None:
        await self._redis.delete(self._key(title_id, branch_id))

    async def digital_summary(self, title_id: int) -> dict | None:
        raw = await self._redis.get(f"digital:{title_id}")
        return json.loads(raw) if raw else None

    async def put_digital_summary(self, title_id: int, value: dict) -> None:
        await self._redis.set(f"digital:{title_id}", json.dumps(value), ex=AVAILABILITY_TTL_S)
