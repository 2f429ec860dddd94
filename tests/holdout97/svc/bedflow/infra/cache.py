from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis


class JsonCache:
    def __init__(self, redis: Redis, prefix: str = "bedflow") -> None:
        self._redis = redis
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(self._key(key))
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=ttl)

    async def set_forever(self, key: str, value: Any) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str))

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*(self._key(k) for k in keys))
