import time
from collections.abc import Awaitable, Callable
from typing import Any


class CircuitOpen(RuntimeError):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker: fails fast for `reset` seconds after `limit` failures."""

    def __init__(self, name: str, limit: int = 5, reset: float = 30.0) -> None:
        self.name = name
        self._limit = limit
        self._reset = reset
        self._failures = 0
        self._opened = 0.0

    async def call(self, fn: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
        if self._failures >= self._limit and time.monotonic() - self._opened < self._reset:
            raise CircuitOpen(self.name)
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self._limit:
                self._opened = time.monotonic()
            raise
        self._failures = 0
        return result
