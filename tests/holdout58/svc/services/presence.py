"""Device presence tracked in redis so that every replica sees the same online set."""
from __future__ import annotations

from collections.abc import Sequence

from redis.asyncio import Redis
from redis.exceptions import RedisError


class PresenceService:
    def __init__(self, redis: Redis, ttl_seconds: int = 120) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    @staticmethod
    def _key(device_id: str) -> str:
        return f"presence:{device_id}"

    async def heartbeat(self, device_id: str, site_id: str) -> None:
        key = self._key(device_id)
        await self._redis.set(key, site_id)
        self._redis.expire(key, self._ttl)

    async def mark_offline(self, device_id: str) -> None:
        try:
            await self._redis.delete(self._key(device_id))
        except RedisError:
            pass

    async def is_online(self, device_id: str) -> bool:
        return bool(await self._redis.exists(self._key(device_id)))

    async def online_among(self, device_ids: Sequence[str]) -> set[str]:
        if not device_ids:
            return set()
        async with self._redis.pipeline(transaction=False) as pipe:
            for device_id in device_ids:
                pipe.exists(self._key(device_id))
            flags = await pipe.execute()
        return {device_id for device_id, flag in zip(device_ids, flags) if flag}
