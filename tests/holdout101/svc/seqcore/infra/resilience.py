from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
logger = logging.getLogger(__name__)


class CircuitOpen(RuntimeError):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after the cool-down."""

    def __init__(self, name: str, threshold: int = 5, cooldown_s: float = 30.0) -> None:
        self.name = name
        self._threshold = threshold
        self._cooldown_s = cooldown_s
        self._failures = 0
        self._opened_at: float | None = None

    def before_call(self) -> None:
        if self._opened_at is None:
            return
        if time.monotonic() - self._opened_at < self._cooldown_s:
            raise CircuitOpen(self.name)
        # half-open: let one call through; a failure re-opens
        self._opened_at = None
        self._failures = self._threshold - 1

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = time.monotonic()



async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
            logger.info("retrying after %s (attempt %d/%d, %.2fs)", exc, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
