"""A small circuit breaker that invokes the callable it is given."""
from typing import Any, Awaitable, Callable


class Breaker:
    def __init__(self, threshold: int = 5) -> None:
        self.failures = 0
        self.threshold = threshold

    async def call(self, fn: Callable[..., Awaitable[Any]], *args: Any) -> Any:
        if self.failures >= self.threshold:
            raise RuntimeError("circuit open")
        try:
            return await fn(*args)
        except Exception:
            self.failures += 1
            raise
