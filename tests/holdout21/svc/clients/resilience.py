"""Retry and circuit-breaker helpers shared by the outbound clients."""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    httpx.TransportError,
    aiohttp.ClientConnectionError,
    TimeoutError,
)


def transient_retry(attempts: int = 3):
    """Retry a coroutine on network-level failures with jittered exponential backoff."""
    return retry(
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=3.0),
        retry=retry_if_exception_type(TRANSIENT_ERRORS),
        reraise=True,
    )


def backoff_delay(attempt: int, base: float = 0.5, cap: float = 8.0) -> float:
    return min(cap, base * (2 ** attempt)) * (0.5 + random.random() / 2)


def backoff_sleep(attempt: int) -> None:
    time.sleep(backoff_delay(attempt))


class CircuitOpen(Exception):
    """Raised instead of calling a dependency that is currently failing."""


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self._reset_after:
            return False
        return True

    async def call(self, fn: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        if self.is_open:
            raise CircuitOpen(self.name)
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self._threshold:
                self._opened_at = time.monotonic()
                logger.warning("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        self._opened_at = None
        return result
