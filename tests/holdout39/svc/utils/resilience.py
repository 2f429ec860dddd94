from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar


P = ParamSpec("P")
T = TypeVar("T")

logger = logging.getLogger(__name__)


def with_retry(
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 3.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    def decorator(fn: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(fn)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except retry_on as exc:
                    if attempt == attempts:
                        raise
                    delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
                    logger.warning("%s failed (%s), retry %d in %.2fs", fn.__qualname__, exc, attempt, delay)
                    await asyncio.sleep(delay)
            raise AssertionError("unreachable")

        return wrapper

    return decorator


T = TypeVar("T")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Small consecutive-failure breaker; one instance per dependency."""

    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def _is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self.reset_after:
            self._opened_at = None
            self._failures = self.failure_threshold - 1
            return False
        return True

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self._is_open():
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        return result
