import time
from collections.abc import Awaitable, Callable
from typing import Any

from fxapp.errors import CircuitOpen


class CircuitBreaker:
    def __init__(self, limit: int = 3, reset: float = 60.0) -> None:
        self._limit = limit
        self._reset = reset
        self._failures = 0
        self._opened = 0.0

    async def call(self, fn: Callable[..., Awaitable[Any]], *args: Any) -> Any:
        if self._failures >= self._limit and time.monotonic() - self._opened < self._reset:
            raise CircuitOpen("rates provider unavailable")
        try:
            result = await fn(*args)
        except Exception:
            self._failures += 1
            self._opened = time.monotonic()
            raise
        self._failures = 0
        return result
