from __future__ import annotations

import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def create_redis(url: str) -> Redis:
    return Redis.from_url(
        url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=15,
        max_connections=200,
    )


class JsonCache:
    """Cache-aside helper storing JSON documents with a TTL."""

    def __init__(self, redis: Redis, prefix: str, ttl: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl

    def _key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    async def get(self, key: str) -> Any | None:
        try:
            raw = await self._redis.get(self._key(key))
        except RedisError:
            logger.warning("cache read failed for %s", key, exc_info=True)
            return None
        return json.loads(raw) if raw else None

    async def set(self, key: str, value: Any) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=self._ttl)

    async def invalidate(self, key: str) -> None:
        await self._redis.delete(self._key(key))
