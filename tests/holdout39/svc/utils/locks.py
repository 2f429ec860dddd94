"""Per-key asyncio locks used to serialise work on one order or one courier.

Convention: when both are needed, take the order lock first, then the courier lock.
"""
from __future__ import annotations

import asyncio
import secrets
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis.asyncio as redis


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()

    def _get(self, key: int) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    @asynccontextmanager
    async def hold(self, key: int) -> AsyncIterator[None]:
        lock = self._get(key)
        await lock.acquire()
        try:
            yield
        except BaseException:
            lock.release()
            raise
        else:
            lock.release()


_order_locks = KeyedLocks()
_courier_locks = KeyedLocks()


def order_lock(order_id: int):
    return _order_locks.hold(order_id)


def courier_lock(courier_id: int):
    return _courier_locks.hold(courier_id)


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@asynccontextmanager
async def leader_lease(client: redis.Redis, name: str, ttl_ms: int) -> AsyncIterator[bool]:
    token = secrets.token_hex(16)
    acquired = bool(await client.set(f"lease:{name}", token, nx=True, px=ttl_ms))
    try:
        yield acquired
    finally:
        if acquired:
            await client.eval(_RELEASE, 1, f"lease:{name}", token)
