from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as aioredis


class KeyedLocks:
    """Per-key asyncio locks, shared by services that mutate the same contract."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def contract(self, contract_id: int) -> asyncio.Lock:
        return self._locks[f"contract:{contract_id}"]

    def wallet(self, user_id: int) -> asyncio.Lock:
        return self._locks[f"wallet:{user_id}"]


_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(RuntimeError):
    pass


@asynccontextmanager
async def redis_lock(redis: aioredis.Redis, name: str, ttl: int = 60) -> AsyncIterator[str]:
    token = uuid.uuid4().hex
    acquired = await redis.set(f"lock:{name}", token, nx=True, ex=ttl)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await redis.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)
