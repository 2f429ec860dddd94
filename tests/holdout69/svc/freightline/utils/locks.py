"""Per-entity in-process locks and a redis-backed distributed lock."""
from __future__ import annotations

import asyncio
import secrets
import weakref
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as redis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class EntityLocks:
    """asyncio locks keyed by entity, dropped when nobody holds a reference."""

    def __init__(self) -> None:
        self._loads: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
        self._carriers: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def _get(self, table: weakref.WeakValueDictionary[int, asyncio.Lock], key: int) -> asyncio.Lock:
        lock = table.get(key)
        if lock is None:
            lock = asyncio.Lock()
            table[key] = lock
        return lock

    def load(self, load_id: int) -> asyncio.Lock:
        return self._get(self._loads, load_id)

    def carrier(self, carrier_id: int) -> asyncio.Lock:
        return self._get(self._carriers, carrier_id)


@asynccontextmanager
async def distributed_lock(client: redis.Redis, name: str, ttl_seconds: int) -> AsyncIterator[bool]:
    token = secrets.token_hex(16)
    acquired = await client.set(f"lock:{name}", token, nx=True, ex=ttl_seconds)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await client.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)
