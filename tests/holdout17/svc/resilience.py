"""Retry and circuit-breaker helpers shared by the outbound clients."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import httpx
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from svc.errors import CarrierUnavailableError

P = ParamSpec("P")
T = TypeVar("T")
logger = logging.getLogger(__name__)


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, httpx.TransportError):
        return True
    return isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code >= 500


def retrying(attempts: int = 4) -> AsyncRetrying:
    """Retry policy for idempotent carrier calls: exponential backoff with jitter."""
    return AsyncRetrying(
        retry=retry_if_exception(_is_transient),
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=5.0),
        reraise=True,
    )


class CircuitOpenError(CarrierUnavailableError):
    code = "circuit_open"


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after ``reset_after`` seconds."""

    def __init__(self, name: str, *, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        return time.monotonic() - self._opened_at < self._reset_after

    async def call(self, fn: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        if self.is_open:
            raise CircuitOpenError(f"{self.name} circuit is open")
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._record_failure()
            raise
        self._failures = 0
        self._opened_at = None
        return result

    def _record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            if self._opened_at is None:
                logger.warning("circuit %s opened after %d failures", self.name, self._failures)
            self._opened_at = time.monotonic()


def backoff_delay(attempt: int, base: float = 0.25, cap: float = 8.0) -> float:
    return min(cap, base * 2**attempt) * (0.5 + random.random() / 2)


async def sleep_backoff(attempt: int) -> None:
    await asyncio.sleep(backoff_delay(attempt))


def pause_before_retry(attempt: int) -> None:
    """Wait out the backoff delay for ``attempt`` before the partner APIs are called again."""
    time.sleep(backoff_delay(attempt))
