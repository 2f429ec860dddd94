from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import redis.asyncio as redis
from redis.exceptions import LockError

from fieldops.settings import Settings


def build_redis(settings: Settings) -> redis.Redis:
    return redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=64,
    )


class JsonCache:
    def __init__(self, client: redis.Redis, default_ttl: int = 300) -> None:
        self._redis = client
        self._ttl = default_ttl

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(key)
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        await self._redis.set(key, json.dumps(value, default=str), ex=ttl or self._ttl)

    async def invalidate(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*keys)


class LockNotAcquired(Exception):
    pass


@contextlib.asynccontextmanager
async def distributed_lock(
    client: redis.Redis, name: str, *, ttl: float = 60.0, wait: float = 0.0
) -> AsyncIterator[None]:
    """Hold a redis lock for the duration of the block; raise if another holder has it."""
    lock = client.lock(name, timeout=ttl, blocking_timeout=wait)
    acquired = await lock.acquire(blocking=wait > 0)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        with contextlib.suppress(LockError):
            await lock.release()
