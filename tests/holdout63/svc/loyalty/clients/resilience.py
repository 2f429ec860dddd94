"""Small retry and circuit-breaker helpers shared by the outbound clients."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class CircuitOpenError(RuntimeError):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def _allow(self) -> bool:
        if self._opened_at is None:
            return True
        if time.monotonic() - self._opened_at >= self.reset_after:
            return True
        return False

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if not self._allow():
            raise CircuitOpenError(f"circuit {self.name} open")
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._opened_at = time.monotonic()
                log.warning("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        self._opened_at = None
        return result


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.2,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = base_delay * (2 ** (attempt - 1)) * (1 + random.random() / 2)
            log.info("retrying after %s (attempt %d/%d, sleeping %.2fs)", exc, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
