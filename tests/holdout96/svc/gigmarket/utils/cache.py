from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class JsonCache:
    def __init__(self, redis: aioredis.Redis, prefix: str, ttl: int = 300) -> None:
        self.redis = redis
        self.prefix = prefix
        self.ttl = ttl

    def _key(self, key: str) -> str:
        return f"{self.prefix}:{key}"

    async def get(self, key: str) -> Any | None:
        try:
            raw = await self.redis.get(self._key(key))
        except RedisError:  # a cache outage reads as a miss
            logger.warning("cache read failed for %s", key, exc_info=True)
            return None
        return json.loads(raw) if raw else None

    async def set(self, key: str, value: Any) -> None:
        try:
            await self.redis.set(self._key(key), json.dumps(value, default=str), ex=self.ttl)
        except RedisError:
            logger.warning("cache write failed for %s", key, exc_info=True)

    async def delete(self, key: str) -> None:
        await self.redis.delete(self._key(key))
