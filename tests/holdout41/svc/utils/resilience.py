from __future__ import annotations

import asyncio
import logging
import random
import time
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
    max_delay: float = 3.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    op: str = "call",
) -> T:
    """Run ``fn`` with exponential backoff and full jitter."""
    last: BaseException | None = None
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            last = exc
            if attempt == attempts:
                break
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            delay = random.uniform(0, delay)
            log.warning("%s failed (attempt %d/%d): %s; retrying in %.2fs", op, attempt, attempts, exc, delay)
            await asyncio.sleep(delay)
    assert last is not None
    raise last


class CircuitOpenError(RuntimeError):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after ``reset_after`` seconds."""

    def __init__(self, name: str, *, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self.reset_after:
            return "half-open"
        return "open"

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.state == "open":
            raise CircuitOpenError(f"circuit {self.name} is open")
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold or self.state == "half-open":
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result


class KeyedLocks:
    """Per-key asyncio locks that are dropped once nobody holds or waits on them."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._refs: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._refs[key] = self._refs.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._refs[key] -= 1
            if self._refs[key] == 0:
                del self._refs[key]
                self._locks.pop(key, None)


user_locks = KeyedLocks()
