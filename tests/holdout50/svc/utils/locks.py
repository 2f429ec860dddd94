"""Locking helpers: in-process keyed locks and a redis lease for singleton jobs."""
from __future__ import annotations

import asyncio
import secrets
import threading
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from weakref import WeakValueDictionary

from redis.asyncio import Redis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class KeyedLocks:
    """One asyncio.Lock per key, dropped when nobody holds a reference."""

    def __init__(self) -> None:
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock


inventory_locks = KeyedLocks()
contract_locks = KeyedLocks()


class LeaseLost(Exception):
    pass


@asynccontextmanager
async def redis_lease(redis: Redis, name: str, ttl_ms: int) -> AsyncIterator[bool]:
    """Yield True when this replica holds the lease for `name`."""
    token = secrets.token_hex(16)
    acquired = await redis.set(f"lease:{name}", token, nx=True, px=ttl_ms)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await redis.eval(_RELEASE_SCRIPT, 1, f"lease:{name}", token)


class Counters:
    """Process-local counters flushed to redis so dashboards see all replicas."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: Counter[str] = Counter()

    def incr(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._values[name] += amount

    async def flush(self, redis: Redis, key: str = "metrics:counters") -> None:
        with self._lock:
            for name, value in self._values.items():
                if value:
                    await redis.hincrby(key, name, value)
            self._values.clear()


counters = Counters()
