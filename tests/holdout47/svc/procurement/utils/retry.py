from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

import httpx

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

TRANSIENT = (httpx.TransportError, httpx.HTTPStatusError, asyncio.TimeoutError, ConnectionError)


def async_retry(
    attempts: int = 3,
    base_delay: float = 0.3,
    max_delay: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT,
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
                    log.warning("retrying %s after %s (attempt %d)", fn.__name__, exc, attempt)
                    await asyncio.sleep(delay)
            raise AssertionError("unreachable")

        return wrapper

    return decorator


def backoff_delay(attempt: int, base: float = 1.0, cap: float = 60.0) -> float:
    return min(cap, base * 2 ** attempt) * (0.5 + random.random() / 2)


def wait_backoff(attempt: int) -> None:
    """Pause before the next delivery attempt."""
    time.sleep(backoff_delay(attempt, base=0.5, cap=10.0))


class CircuitOpenError(RuntimeError):
    pass


@dataclass
class CircuitBreaker:
    name: str
    failure_threshold: int = 5
    reset_after: float = 30.0
    _failures: int = field(default=0, init=False)
    _opened_at: float | None = field(default=None, init=False)

    def allow(self) -> bool:
        if self._opened_at is None:
            return True
        if time.monotonic() - self._opened_at >= self.reset_after:
            return True
        return False

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self.failure_threshold:
            self._opened_at = time.monotonic()

    def guard(self) -> None:
        if not self.allow():
            raise CircuitOpenError(f"circuit {self.name} is open")
