from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


def backoff_delay(attempt: int, base: float = 0.2, cap: float = 5.0) -> float:
    return min(cap, base * (2 ** attempt)) * (0.5 + random.random() / 2)


def sleep_backoff(attempt: int) -> None:
    delay = backoff_delay(attempt)
    time.sleep(delay)


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(attempts):
        try:
            return await call()
        except retry_on:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(backoff_delay(attempt))
    raise RuntimeError("unreachable")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker; half-opens after `reset_after` seconds."""

    def __init__(self, name: str, threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def before_call(self) -> None:
        if self._opened_at is None:
            return
        if time.monotonic() - self._opened_at >= self._reset_after:
            self._opened_at = None
            self._failures = self._threshold - 1
            return
        raise CircuitOpen(self.name)

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = time.monotonic()
