"""Redis-backed leader lock so only one replica runs a singleton job."""
from __future__ import annotations

import logging
import uuid

from redis.asyncio import Redis

logger = logging.getLogger(__name__)

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_EXTEND_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class RedisLock:
    def __init__(self, redis: Redis, name: str, ttl_ms: int) -> None:
        self._redis = redis
        self._key = f"lock:{name}"
        self._ttl_ms = ttl_ms
        self._token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))

    async def extend(self) -> bool:
        return bool(await self._redis.eval(_EXTEND_SCRIPT, 1, self._key, self._token, self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._key, self._token)
