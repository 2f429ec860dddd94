from __future__ import annotations

import asyncio
import uuid
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

from ..cache.redis_client import get_redis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def distributed_lock(name: str, ttl_seconds: int = 60, wait_seconds: float = 0.0) -> AsyncIterator[None]:
    redis = get_redis()
    token = uuid.uuid4().hex
    key = f"lock:{name}"
    deadline = asyncio.get_running_loop().time() + wait_seconds
    while True:
        if await redis.set(key, token, nx=True, ex=ttl_seconds):
            break
        if asyncio.get_running_loop().time() >= deadline:
            raise LockNotAcquired(name)
        await asyncio.sleep(0.2)
    try:
        yield
    finally:
        await redis.eval(_RELEASE_SCRIPT, 1, key, token)


_account_locks: dict[int, asyncio.Lock] = {}


def account_lock(account_id: int) -> asyncio.Lock:
    lock = _account_locks.get(account_id)
    if lock is None:
        lock = _account_locks.setdefault(account_id, asyncio.Lock())
    return lock


_symbol_locks: dict[str, asyncio.Lock] = {}


def symbol_lock(symbol: str) -> asyncio.Lock:
    return _symbol_locks.setdefault(symbol, asyncio.Lock())
