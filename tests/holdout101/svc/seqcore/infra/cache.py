from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def build_redis(url: str) -> aioredis.Redis:
    return aioredis.from_url(
        url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=50,
    )


class JsonCache:
    def __init__(self, redis: aioredis.Redis, namespace: str = "seqcore") -> None:
        self._redis = redis
        self._ns = namespace

    def key(self, *parts: object) -> str:
        return ":".join([self._ns, *(str(p) for p in parts)])

    async def get(self, key: str) -> Any | None:
        try:
            raw = await self._redis.get(key)
        except RedisError:
            logger.warning("cache read failed for %s", key, exc_info=True)
            return None
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl_s: int) -> None:
        try:
            await self._redis.set(key, json.dumps(value, default=str), ex=ttl_s)
        except RedisError as exc:
            logger.warning("cache write failed for %s: %s", key, exc)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*keys)

    async def get_or_load(self, key: str, ttl_s: int, loader: Callable[[], Awaitable[Any]]) -> Any:
        cached = await self.get(key)
        if cached is not None:
            return cached
        value = await loader()
        await self.set(key, value, ttl_s)
        return value


LOG_CHANNEL = "seqcore:joblog:{job_id}"


async def publish_log_line(redis: aioredis.Redis, job_id: str, line: str) -> None:
    await redis.publish(LOG_CHANNEL.format(job_id=job_id), json.dumps({"line": line}))


async def subscribe_job_log(redis: aioredis.Redis, job_id: str) -> AsyncIterator[str]:
    pubsub = redis.pubsub()
    await pubsub.subscribe(LOG_CHANNEL.format(job_id=job_id))
    try:
        async for message in pubsub.listen():
            if message.get("type") != "message":
                continue
            yield json.loads(message["data"])["line"]
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
