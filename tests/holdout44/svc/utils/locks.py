"""Process-local and distributed locks."""
from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator

import redis.asyncio as redis

# Guards the hot wallet UTXO set / nonce while a transaction is being built.
hot_wallet_lock = asyncio.Lock()
# Guards sweep batch assembly.
sweep_lock = asyncio.Lock()

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    pass


@contextlib.asynccontextmanager
async def distributed_lock(client: redis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[None]:
    token = secrets.token_hex(16)
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield
    finally:
        await client.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)


class KeyedLocks:
    """One asyncio.Lock per key, acquired in a stable order when several are needed."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    def _get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    @contextlib.asynccontextmanager
    async def hold(self, *keys: str) -> AsyncIterator[None]:
        ordered = sorted(set(keys))
        async with contextlib.AsyncExitStack() as stack:
            for key in ordered:
                await stack.enter_async_context(self._get(key))
            yield

    def forget(self, key: str) -> None:
        lock = self._locks.get(key)
        if lock is not None and not lock.locked():
            del self._locks[key]
