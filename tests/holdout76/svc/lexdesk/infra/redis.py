from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as aioredis

from lexdesk.settings import Settings

log = logging.getLogger(__name__)


def create_redis(settings: Settings) -> aioredis.Redis:
    return aioredis.Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )


def create_pubsub_redis(settings: Settings) -> aioredis.Redis:
    # Subscribers sit idle for long stretches; a read timeout would tear them down.
    return aioredis.Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_connect_timeout=3,
        health_check_interval=30,
    )


class JsonCache:
    """Thin JSON layer over redis with a key prefix; every write carries a TTL."""

    def __init__(self, client: aioredis.Redis, prefix: str = "lexdesk:cache") -> None:
        self._redis = client
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(self._key(key))
        if raw is None:
            return None
        return json.loads(raw)

    async def set(self, key: str, value: Any, ttl: int) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=ttl)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*(self._key(k) for k in keys))
