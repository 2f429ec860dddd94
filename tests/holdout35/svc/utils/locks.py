"""Per-key asyncio locks shared by matching and driver state changes.

Ordering rule: a zone lock is always taken before a driver lock.
"""
from __future__ import annotations

import asyncio
from collections import defaultdict
from contextlib import AsyncExitStack, asynccontextmanager
from collections.abc import AsyncIterator

_zone_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
_driver_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


@asynccontextmanager
async def zone_lock(zone: str) -> AsyncIterator[None]:
    async with _zone_locks[zone]:
        yield


@asynccontextmanager
async def driver_lock(driver_id: int) -> AsyncIterator[None]:
    async with _driver_locks[driver_id]:
        yield


@asynccontextmanager
async def zones_lock(*zones: str) -> AsyncIterator[None]:
    """Lock several zones at once; always in sorted order so concurrent callers cannot interleave."""
    async with AsyncExitStack() as stack:
        for zone in sorted(set(zones)):
            await stack.enter_async_context(_zone_locks[zone])
        yield


class RedisLock:
    """Best-effort distributed lock (single redis, SET NX PX + token check on release)."""

    _RELEASE = (
        "if redis.call('get', KEYS[1]) == ARGV[1] then "
        "return redis.call('del', KEYS[1]) else return 0 end"
    )

    def __init__(self, redis, name: str, ttl_ms: int) -> None:
        self._redis = redis
        self._name = f"lock:{name}"
        self._ttl_ms = ttl_ms
        self._token: str | None = None

    async def acquire(self, token: str) -> bool:
        ok = await self._redis.set(self._name, token, nx=True, px=self._ttl_ms)
        if ok:
            self._token = token
        return bool(ok)

    async def release(self) -> None:
        if self._token is None:
            return
        await self._redis.eval(self._RELEASE, 1, self._name, self._token)
        self._token = None
