"""Process-local and distributed locks, and a shared rate limiter."""
from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator

from redis.asyncio import Redis

_job_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
_candidate_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def job_lock(job_id: int) -> asyncio.Lock:
    return _job_locks[job_id]


def candidate_lock(candidate_id: int) -> asyncio.Lock:
    return _candidate_locks[candidate_id]


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(RuntimeError):
    pass


@contextlib.asynccontextmanager
async def redis_lock(redis: Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[None]:
    token = uuid.uuid4().hex
    acquired = await redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await redis.eval(_RELEASE, 1, f"lock:{name}", token)


class RedisRateLimiter:
    """Fixed-window limiter shared by every replica."""

    def __init__(self, redis: Redis, prefix: str, limit: int, window_s: int) -> None:
        self.redis = redis
        self.prefix = prefix
        self.limit = limit
        self.window_s = window_s

    async def hit(self, key: str) -> bool:
        window = int(time.time() // self.window_s)
        rkey = f"rl:{self.prefix}:{key}:{window}"
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.incr(rkey)
            pipe.expire(rkey, self.window_s * 2)
            count, _ = await pipe.execute()
        return int(count) <= self.limit
