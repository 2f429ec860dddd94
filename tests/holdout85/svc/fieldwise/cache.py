"""Redis: client factory, distributed locks (token-checked release) and the field read-through cache."""
from __future__ import annotations

import asyncio
import json
import secrets
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

import redis.asyncio as aioredis

from fieldwise.settings import get_settings

FIELD_TTL_S = 600


def create_redis() -> aioredis.Redis:
    s = get_settings()
    return aioredis.from_url(
        s.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=100,
    )


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def redis_lock(
    redis: aioredis.Redis, name: str, ttl_s: int = 30, wait_s: float = 0.0
) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    key = f"lock:{name}"
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        if await redis.set(key, token, nx=True, ex=ttl_s):
            break
        if asyncio.get_running_loop().time() >= deadline:
            raise LockNotAcquired(name)
        await asyncio.sleep(0.1)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE, 1, key, token)


class FieldCache:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    @staticmethod
    def key_for(farm_id: int, field_id: int) -> str:
        return f"field:{farm_id}:{field_id}"

    async def get(self, farm_id: int, field_id: int) -> dict[str, Any] | None:
        raw = await self._redis.get(self.key_for(farm_id, field_id))
        return json.loads(raw) if raw else None

    async def put(self, farm_id: int, field_id: int, value: dict[str, Any]) -> None:
        await self._redis.set(self.key_for(farm_id, field_id), json.dumps(value), ex=FIELD_TTL_S)

    async def invalidate(self, farm_id: int, field_id: int) -> None:
        await self._redis.delete(self.key_for(farm_id, field_id), f"farm:{farm_id}:fields")
