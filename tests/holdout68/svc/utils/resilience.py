from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar


T = TypeVar("T")
logger = logging.getLogger(__name__)


async def retry_async(
    func: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    """Run ``func`` with exponential backoff and full jitter."""
    for attempt in range(1, attempts + 1):
        try:
            return await func()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            delay = random.uniform(0, delay)
            logger.warning("attempt %d/%d failed (%s); retrying in %.2fs", attempt, attempts, exc, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")




class CircuitOpenError(RuntimeError):
    pass


class CircuitBreaker:
    """Small consecutive-failure breaker; half-opens after ``reset_after`` seconds."""

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

    async def call(self, func: Callable[[], Awaitable[T]]) -> T:
        if self.is_open:
            raise CircuitOpenError(f"{self.name} circuit open")
        try:
            result = await func()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result
