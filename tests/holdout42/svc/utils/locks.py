from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import secrets
from weakref import WeakValueDictionary

from redis.asyncio import Redis

_RELEASE_LUA = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_EXTEND_LUA = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class LocalLocks:
    """Per-process named asyncio locks used to serialise work on one account or on tariffs."""

    def __init__(self) -> None:
        self._accounts: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()
        self.tariffs = asyncio.Lock()

    def for_account(self, account_id: int) -> asyncio.Lock:
        lock = self._accounts.get(account_id)
        if lock is None:
            lock = asyncio.Lock()
            self._accounts[account_id] = lock
        return lock


local_locks = LocalLocks()


class LockNotAcquired(RuntimeError):
    pass


@asynccontextmanager
async def redis_lock(redis: Redis, name: str, ttl_ms: int, renew_every: float | None = None) -> AsyncIterator[None]:
    """Cluster-wide mutex. Renews itself while held if ``renew_every`` is given."""
    token = secrets.token_hex(16)
    ok = await redis.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not ok:
        raise LockNotAcquired(name)

    renewer: asyncio.Task | None = None
    if renew_every:
        async def _renew() -> None:
            while True:
                await asyncio.sleep(renew_every)
                await redis.eval(_EXTEND_LUA, 1, f"lock:{name}", token, ttl_ms)

        renewer = asyncio.create_task(_renew())
    try:
        yield
    finally:
        if renewer is not None:
            renewer.cancel()
        await redis.eval(_RELEASE_LUA, 1, f"lock:{name}", token)
