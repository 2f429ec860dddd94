"""Retry policy and a small circuit breaker shared by the outbound clients."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import aiohttp
import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.errors import CircuitOpenError

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    httpx.TransportError,
    aiohttp.ClientConnectionError,
    asyncio.TimeoutError,
)


def transient_retry(attempts: int = 3, max_wait: float = 2.0):  # noqa: ANN201 - tenacity decorator
    return retry(
        reraise=True,
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=max_wait),
        retry=retry_if_exception_type(TRANSIENT_ERRORS),
    )


class CircuitBreaker:
    """Opens after consecutive failures; lets one trial call through after ``reset_timeout``."""

    def __init__(self, name: str, *, failure_threshold: int = 5, reset_timeout: float = 30.0) -> None:
        self.name = name
        self._failure_threshold = failure_threshold
        self._reset_timeout = reset_timeout
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        return time.monotonic() - self._opened_at < self._reset_timeout

    def _record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._failure_threshold:
            if self._opened_at is None:
                logger.warning("circuit %s opened after %d failures", self.name, self._failures)
            self._opened_at = time.monotonic()

    def _record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    async def call(self, func: Callable[P, Awaitable[T]], *args: P.args, **kwargs: P.kwargs) -> T:
        if self.is_open:
            raise CircuitOpenError(f"{self.name} is unavailable")
        try:
            result = await func(*args, **kwargs)
        except Exception:
            self._record_failure()
            raise
        self._record_success()
        return result
