"""Small distributed lock on top of SET NX PX."""
from __future__ import annotations

import uuid

from redis.asyncio import Redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_EXTEND = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class LeaderLease:
    def __init__(self, redis: Redis, name: str, ttl_ms: int) -> None:
        self._redis = redis
        self._key = f"lease:{name}"
        self._ttl_ms = ttl_ms
        self._token = uuid.uuid4().hex
        self.held = False

    async def try_acquire(self) -> bool:
        if self.held:
            self.held = bool(await self._redis.eval(_EXTEND, 1, self._key, self._token, self._ttl_ms))
        else:
            self.held = bool(await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))
        return self.held

    async def release(self) -> None:
        if self.held:
            await self._redis.eval(_RELEASE, 1, self._key, self._token)
            self.held = False
