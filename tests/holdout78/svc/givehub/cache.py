from __future__ import annotations

import json
from typing import Any

import redis.asyncio as aioredis

try:
    import orjson

    def _dumps(value: Any) -> str:
        return orjson.dumps(value, default=str).decode()

except ImportError:  # pragma: no cover - orjson is optional in dev images

    def _dumps(value: Any) -> str:
        return json.dumps(value, default=str)


class JsonCache:
    """Small cache-aside helper over redis. Every entry carries a TTL."""

    def __init__(self, redis: aioredis.Redis, prefix: str = "gh") -> None:
        self._redis = redis
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    async def get_json(self, key: str) -> Any | None:
        raw = await self._redis.get(self._key(key))
        return None if raw is None else json.loads(raw)

    async def set_json(self, key: str, value: Any, ttl: int) -> None:
        await self._redis.set(self._key(key), _dumps(value), ex=ttl)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*(self._key(k) for k in keys))
