from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def get(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    def for_contest(self, contest_id: int) -> asyncio.Lock:
        return self.get(f"contest:{contest_id}")

    def for_problem(self, problem_id: int) -> asyncio.Lock:
        return self.get(f"problem:{problem_id}")


@asynccontextmanager
async def redis_lock(redis, name: str, ttl: int = 60, wait: float = 0.0) -> AsyncIterator[bool]:
    lock = redis.lock(f"lock:{name}", timeout=ttl, blocking_timeout=wait)
    acquired = await lock.acquire(blocking=wait > 0)
    try:
        yield bool(acquired)
    finally:
        if acquired:
            await lock.release()
