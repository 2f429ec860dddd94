"""A small circuit breaker."""
from __future__ import annotations

import time
from typing import Any, Awaitable, Callable


class Breaker:
    def __init__(self, threshold: int = 5, reset_after: float = 30.0) -> None:
        self._failures = 0
        self._opened = 0.0
        self._threshold = threshold
        self._reset_after = reset_after

    async def call(self, fn: Callable[[], Awaitable[Any]]) -> Any:
        if self._failures >= self._threshold and time.monotonic() - self._opened < self._reset_after:
            raise RuntimeError("circuit open")
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            self._opened = time.monotonic()
            raise
        self._failures = 0
        return result
