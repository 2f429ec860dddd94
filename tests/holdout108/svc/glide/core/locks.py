from __future__ import annotations

import uuid
from types import TracebackType

import redis.asyncio as aioredis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


class RedisLock:
    def __init__(self, redis: aioredis.Redis, key: str, ttl_ms: int = 60_000) -> None:
        self._redis = redis
        self._key = f"lock:{key}"
        self._ttl_ms = ttl_ms
        self._token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE, 1, self._key, self._token)

    async def __aenter__(self) -> "RedisLock":
        if not await self.acquire():
            raise LockNotAcquired(self._key)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.release()
