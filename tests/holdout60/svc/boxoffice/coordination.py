"""Per-key asyncio locks for serialising work on one order or one ticket within a process."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
import weakref
from collections import defaultdict, deque
from collections.abc import AsyncIterator

from redis.asyncio import Redis

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@contextlib.asynccontextmanager
async def redis_lock(redis: Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[None]:
    token = secrets.token_hex(16)
    acquired = await redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await redis.eval(_RELEASE, 1, f"lock:{name}", token)


_order_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
_ticket_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()


def order_lock(order_id: int) -> asyncio.Lock:
    lock = _order_locks.get(order_id)
    if lock is None:
        lock = asyncio.Lock()
        _order_locks[order_id] = lock
    return lock


def ticket_lock(ticket_id: int) -> asyncio.Lock:
    lock = _ticket_locks.get(ticket_id)
    if lock is None:
        lock = asyncio.Lock()
        _ticket_locks[ticket_id] = lock
    return lock


_checkout_attempts: dict[int, deque[float]] = defaultdict(deque)


def allow_checkout(customer_id: int, limit: int = 5, window: float = 60.0) -> bool:
    now = time.monotonic()
    attempts = _checkout_attempts[customer_id]
    while attempts and now - attempts[0] > window:
        attempts.popleft()
    if len(attempts) >= limit:
        return False
    attempts.append(now)
    return True


class RedisRateLimiter:
    def __init__(self, redis: Redis, prefix: str, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limit = limit
        self._window = window_seconds

    async def hit(self, subject: str) -> bool:
        bucket = int(time.time() // self._window)
        key = f"rl:{self._prefix}:{subject}:{bucket}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window * 2)
            count, _ = await pipe.execute()
        return count <= self._limit
