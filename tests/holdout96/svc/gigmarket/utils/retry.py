from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import httpx

P = ParamSpec("P")
T = TypeVar("T")
logger = logging.getLogger(__name__)

TRANSIENT = (httpx.TransportError, httpx.TimeoutException)


def with_retry(attempts: int = 3, base_delay: float = 0.3, retry_on: tuple[type[BaseException], ...] = TRANSIENT):
    def decorate(fn: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(fn)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except retry_on as exc:
                    if attempt == attempts:
                        raise
                    delay = base_delay * 2 ** (attempt - 1) + random.uniform(0, base_delay)
                    logger.warning("retrying %s after %s (attempt %d)", fn.__name__, exc, attempt)
                    await asyncio.sleep(delay)
            raise AssertionError("unreachable")

        return wrapper

    return decorate


class CircuitOpen(RuntimeError):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self._opened_at is not None:
            if self._now() - self._opened_at < self.reset_after:
                raise CircuitOpen(self.name)
            self._opened_at = None
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._opened_at = self._now()
            raise
        self._failures = 0
        return result
