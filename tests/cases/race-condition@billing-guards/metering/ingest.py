"""Accepts usage events once per idempotency key."""
import asyncio
import json

from redis.asyncio import Redis

_TTL = 86400


class Ingest:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._buffer: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)

    async def accept(self, event: dict) -> bool:
        key = f"usage:{event['key']}"
        if await self._redis.exists(key):  # expect: race-condition
            return False
        await self._redis.set(key, "1", ex=_TTL)
        await self._buffer.put(event)
        return True

    async def accept_claimed(self, event: dict) -> bool:
        key = f"usage:{event['key']}"
        if await self._redis.exists(key):
            return False
        if not await self._redis.set(key, "1", nx=True, ex=_TTL):
            return False
        await self._buffer.put(event)
        return True

    async def summary(self, tenant: str) -> dict:
        key = f"summary:{tenant}"
        if await self._redis.exists(key):
            return json.loads(await self._redis.get(key))
        data = {"tenant": tenant}
        await self._redis.set(key, json.dumps(data), ex=60)
        await self._buffer.join()
        return data
