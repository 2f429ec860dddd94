from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


async def with_retry(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.25,
    max_delay: float = 4.0,
    retry_on: tuple[type[BaseException], ...] = (ConnectionError,),
    label: str = "call",
) -> T:
    """Run `fn` with exponential backoff and full jitter on the listed exception types."""
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = random.uniform(0, min(max_delay, base_delay * 2 ** (attempt - 1)))
            logger.warning("%s failed (%s), attempt %d/%d, retrying in %.2fs", label, exc, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


class CircuitOpen(Exception):
    def __init__(self, name: str, retry_in: float) -> None:
        super().__init__(f"circuit {name} open, retry in {retry_in:.0f}s")
        self.name = name
        self.retry_in = retry_in


class CircuitBreaker:
    """Consecutive-failure breaker: opens after `failure_threshold` failures, half-opens after `reset_after`."""

    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        return "open" if time.monotonic() - self._opened_at < self.reset_after else "half-open"

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        if self.state == "open":
            assert self._opened_at is not None
            raise CircuitOpen(self.name, self.reset_after - (time.monotonic() - self._opened_at))
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold or self._opened_at is not None:
                self._opened_at = time.monotonic()
                logger.error("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        self._opened_at = None
        return result
