from __future__ import annotations

import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from svc.config import get_settings

logger = logging.getLogger(__name__)

_redis: Redis | None = None


def init_redis() -> Redis:
    global _redis
    _redis = Redis.from_url(
        get_settings().redis_url,
        decode_responses=True,
        socket_timeout=1.5,
        socket_connect_timeout=1.0,
        health_check_interval=15,
        max_connections=200,
    )
    return _redis


def get_redis() -> Redis:
    if _redis is None:
        raise RuntimeError("redis not initialised")
    return _redis


class JsonCache:
    """Thin JSON-over-redis cache with a key namespace."""

    def __init__(self, redis: Redis, namespace: str, ttl_s: int) -> None:
        self._r = redis
        self._ns = namespace
        self._ttl = ttl_s

    def _key(self, key: str) -> str:
        return f"{self._ns}:{key}"

    async def get(self, key: str) -> Any | None:
        try:
            raw = await self._r.get(self._key(key))
        except RedisError as exc:
            logger.warning("cache get %s failed, treating as miss: %s", self._key(key), exc)
            return None
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any) -> None:
        try:
            await self._r.set(self._key(key), json.dumps(value, default=str), ex=self._ttl)
        except RedisError as exc:
            logger.warning("cache set %s failed: %s", self._key(key), exc)

    async def invalidate(self, key: str) -> None:
        try:
            await self._r.delete(self._key(key))
        except RedisError:
            pass
