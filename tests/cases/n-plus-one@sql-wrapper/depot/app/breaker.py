"""A minimal circuit breaker: it calls the function it is given with the remaining arguments."""
from __future__ import annotations

from typing import Any, Awaitable, Callable


class Breaker:
    def __init__(self) -> None:
        self.failures = 0

    async def call(self, fn: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self.failures += 1
            raise
        self.failures = 0
        return result
