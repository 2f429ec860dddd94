from __future__ import annotations

import asyncio
import json
import logging
import secrets
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(RuntimeError):
    pass


@asynccontextmanager
async def redis_lock(redis: Redis, name: str, ttl_ms: int = 60_000, wait_s: float = 0.0) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    key = f"lock:{name}"
    deadline = asyncio.get_running_loop().time() + wait_s
    while True:
        if await redis.set(key, token, nx=True, px=ttl_ms):
            break
        if asyncio.get_running_loop().time() >= deadline:
            raise LockNotAcquired(name)
        await asyncio.sleep(0.1)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE, 1, key, token)


class JsonCache:
    def __init__(self, redis: Redis, namespace: str, default_ttl: int = 60) -> None:
        self._redis = redis
        self._ns = namespace
        self._ttl = default_ttl

    def _key(self, key: str) -> str:
        return f"{self._ns}:{key}"

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(self._key(key))
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=ttl or self._ttl)

    async def delete(self, key: str) -> None:
        await self._redis.delete(self._key(key))

    async def get_or_load(self, key: str, loader: Callable[[], Awaitable[Any]], ttl: int | None = None) -> Any:
        try:
            cached = await self.get(key)
        except RedisError:
            logger.warning("cache read failed for %s, loading from source", key)
            return await loader()
        if cached is not None:
            return cached
        value = await loader()
        try:
            await self.set(key, value, ttl)
        except RedisError:
            logger.warning("cache write failed for %s", key)
        return value
