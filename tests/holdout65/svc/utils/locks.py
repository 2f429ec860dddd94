"""Per-key asyncio locks for in-process serialisation of floor operations."""
from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from contextlib import asynccontextmanager
from typing import AsyncIterator

import redis.asyncio as redis


class LockRegistry:
    def __init__(self) -> None:
        self._table_locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._waitlist_locks: dict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    def for_table(self, table_id: int) -> asyncio.Lock:
        return self._table_locks[table_id]

    def for_waitlist(self, restaurant_id: int) -> asyncio.Lock:
        return self._waitlist_locks[restaurant_id]


locks = LockRegistry()

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


@asynccontextmanager
async def distributed_lock(client: redis.Redis, name: str, ttl_ms: int = 30_000) -> AsyncIterator[bool]:
    """Best-effort leader lock: yields True if this process holds `name`."""
    token = uuid.uuid4().hex
    acquired = await client.set(f"lock:{name}", token, nx=True, px=ttl_ms)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await client.eval(_RELEASE_SCRIPT, 1, f"lock:{name}", token)
