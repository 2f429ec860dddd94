from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis

from ..settings import Settings


class JsonCache:
    def __init__(self, redis: Redis, namespace: str, default_ttl: int = 60) -> None:
        self._redis = redis
        self._ns = namespace
        self._ttl = default_ttl

    def _key(self, key: str) -> str:
        return f"{self._ns}:{key}"

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(self._key(key))
        return None if raw is None else json.loads(raw)

    async def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=ttl or self._ttl)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*(self._key(k) for k in keys))

    async def invalidate(self, key: str) -> None:
        await self.delete(key)


def build_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=64,
    )
