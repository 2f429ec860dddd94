from __future__ import annotations

import asyncio
import secrets
from collections import defaultdict
from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

import redis.asyncio as redis

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class LockRegistry:
    """In-process locks keyed by environment id, serialising writes within one replica."""

    def __init__(self) -> None:
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def for_env(self, environment_id: object) -> asyncio.Lock:
        return self._locks[str(environment_id)]

    def for_project(self, project_id: object) -> asyncio.Lock:
        return self._locks[f"project:{project_id}"]


class LockNotAcquired(Exception):
    pass


@asynccontextmanager
async def redis_lock(client: redis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[str]:
    token = secrets.token_hex(16)
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    if not acquired:
        raise LockNotAcquired(name)
    try:
        yield token
    finally:
        await client.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)
