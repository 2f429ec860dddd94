"""A small circuit breaker: callers hand it the coroutine function to run."""
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class CircuitOpenError(RuntimeError):
    pass


class CircuitBreaker:
    def __init__(self, threshold: int = 3) -> None:
        self._threshold = threshold
        self._failures = 0

    async def call(self, func: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        if self._failures >= self._threshold:
            raise CircuitOpenError("open")
        try:
            result = await func(*args, **kwargs)
        except Exception:
            self._failures += 1
            raise
        self._failures = 0
        return result
