from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

from procurement.redis_client import get_redis

_cc_locks: dict[int, asyncio.Lock] = {}
_po_locks: dict[int, asyncio.Lock] = {}


def budget_lock(cost_centre_id: int) -> asyncio.Lock:
    return _cc_locks.setdefault(cost_centre_id, asyncio.Lock())


def po_lock(po_id: int) -> asyncio.Lock:
    return _po_locks.setdefault(po_id, asyncio.Lock())


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


@contextlib.asynccontextmanager
async def distributed_lock(name: str, ttl_seconds: int = 60) -> AsyncIterator[bool]:
    """Yields True when this replica holds the lock, False otherwise."""
    redis = get_redis()
    token = uuid.uuid4().hex
    key = f"lock:{name}"
    acquired = await redis.set(key, token, nx=True, ex=ttl_seconds)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await redis.eval(_RELEASE, 1, key, token)
