"""A small hand-written circuit breaker."""
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, name: str, threshold: int = 5, cooldown: float = 30.0) -> None:
        self.name = name
        self._threshold = threshold
        self._cooldown = cooldown
        self._failures = 0
        self._open_until = 0.0

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if time.monotonic() < self._open_until:
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self._threshold:
                self._open_until = time.monotonic() + self._cooldown
            raise
        self._failures = 0
        return result
