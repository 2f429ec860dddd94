from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Small per-process breaker: opens after `threshold` consecutive failures."""

    def __init__(self, name: str, threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.threshold = threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def _is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self.reset_after:
            self._opened_at = None
            self._failures = self.threshold - 1
            return False
        return True

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self._is_open():
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        return result
