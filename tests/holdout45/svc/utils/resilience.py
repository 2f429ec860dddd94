"""Retry helpers, a small circuit breaker, and the locks used to serialise edits."""
from __future__ import annotations

import asyncio
import logging
import random
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar


T = TypeVar("T")
log = logging.getLogger(__name__)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
            log.warning("attempt %d/%d failed (%s), retrying in %.2fs", attempt, attempts, exc, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


def retry_sync(fn: Callable[[], T], *, attempts: int = 3, delay: float = 0.5) -> T:
    """Retry helper for the CLI tools and thread-pool jobs."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception:
            if attempt == attempts:
                raise
            time.sleep(delay * attempt)
    raise AssertionError("unreachable")




class CircuitOpen(RuntimeError):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self.reset_after:
            return False
        return True

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.is_open:
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result


_article_locks: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()
_tenant_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


def _lock_for(table: weakref.WeakValueDictionary, key) -> asyncio.Lock:
    lock = table.get(key)
    if lock is None:
        lock = asyncio.Lock()
        table[key] = lock
    return lock


@asynccontextmanager
async def article_lock(article_id: int) -> AsyncIterator[None]:
    lock = _lock_for(_article_locks, article_id)
    async with lock:
        yield


@asynccontextmanager
async def tenant_lock(tenant_id: str) -> AsyncIterator[None]:
    lock = _lock_for(_tenant_locks, tenant_id)
    async with lock:
        yield


class RedisLock:
    """Best-effort distributed lock: SET NX PX plus a compare-and-delete release."""

    _RELEASE = (
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
    )

    def __init__(self, redis, name: str, ttl_ms: int = 30_000) -> None:
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
        if self._token is not None:
            await self._redis.eval(self._RELEASE, 1, self._name, self._token)
            self._token = None
