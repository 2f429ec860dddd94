"""Keyed in-process locks and a redis-backed distributed lock."""
from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from contextlib import asynccontextmanager
from typing import AsyncIterator

from ..redis_client import get_redis

_sample_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
_order_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


@asynccontextmanager
async def sample_lock(sample_id: int) -> AsyncIterator[None]:
    lock = _sample_locks[sample_id]
    async with lock:
        yield
    if not lock.locked() and not lock._waiters:
        _sample_locks.pop(sample_id, None)


@asynccontextmanager
async def order_lock(order_id: int) -> AsyncIterator[None]:
    lock = _order_locks[order_id]
    async with lock:
        yield
    if not lock.locked() and not lock._waiters:
        _order_locks.pop(order_id, None)


_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def distributed_lock(name: str, ttl_ms: int = 30_000) -> AsyncIterator[None]:
    redis = get_redis()
    token = uuid.uuid4().hex
    acquired = await redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await redis.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)
