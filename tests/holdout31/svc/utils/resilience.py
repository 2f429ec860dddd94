"""Resilience primitives shared by the outbound clients and the workers."""
from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, TypeVar

from redis.asyncio import Redis

from svc.errors import CircuitOpenError

T = TypeVar("T")
log = logging.getLogger(__name__)


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after ``reset_timeout`` seconds."""

    def __init__(self, name: str, *, fail_max: int = 5, reset_timeout: float = 30.0) -> None:
        self.name = name
        self._fail_max = fail_max
        self._reset_timeout = reset_timeout
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        return time.monotonic() - self._opened_at < self._reset_timeout

    def _record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def _record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._fail_max:
            if self._opened_at is None:
                log.warning("circuit %s opened after %d consecutive failures", self.name, self._failures)
            self._opened_at = time.monotonic()

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        async with self:
            return await fn(*args, **kwargs)

    async def __aenter__(self) -> CircuitBreaker:
        if self.is_open:
            raise CircuitOpenError(f"{self.name} circuit is open")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is None:
            self._record_success()
        elif not issubclass(exc_type, asyncio.CancelledError):
            self._record_failure()
        return False


async def retry_async(
    fn: Callable[..., Awaitable[T]],
    *args: Any,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    **kwargs: Any,
) -> T:
    """Await ``fn`` up to ``attempts`` times with jittered exponential backoff."""
    delay = base_delay
    for attempt in range(1, attempts + 1):
        try:
            return await fn(*args, **kwargs)
        except retry_on as exc:
            if attempt >= attempts:
                raise
            log.warning("attempt %d/%d of %s failed: %s", attempt, attempts, getattr(fn, "__qualname__", fn), exc)
            await asyncio.sleep(delay + random.uniform(0, delay / 2))
            delay = min(delay * 2, max_delay)
    raise AssertionError("unreachable")


_RENEW_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


class RedisLease:
    """A named lease in redis (SET NX PX) used to elect one replica for a singleton job."""

    def __init__(self, redis: Redis, name: str, *, ttl_ms: int = 30_000) -> None:
        self._redis = redis
        self.key = f"lease:{name}"
        self._token = uuid.uuid4().hex
        self._ttl_ms = ttl_ms
        self.held = False

    async def acquire(self) -> bool:
        self.held = bool(await self._redis.set(self.key, self._token, nx=True, px=self._ttl_ms))
        return self.held

    async def renew(self) -> bool:
        self.held = bool(await self._redis.eval(_RENEW_SCRIPT, 1, self.key, self._token, self._ttl_ms))
        return self.held

    async def ensure(self) -> bool:
        """Renew the lease when we hold it, otherwise try to take it."""
        if self.held:
            return await self.renew()
        return await self.acquire()

    async def release(self) -> None:
        if self.held:
            await self._redis.eval(_RELEASE_SCRIPT, 1, self.key, self._token)
            self.held = False
