from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
import structlog
from tenacity import (
    AsyncRetrying,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

log = structlog.get_logger(__name__)
T = TypeVar("T")

TRANSIENT = (httpx.TransportError, httpx.RemoteProtocolError)

retry_transient = retry(
    retry=retry_if_exception_type(TRANSIENT),
    stop=stop_after_attempt(4),
    wait=wait_exponential_jitter(initial=0.2, max=5),
    reraise=True,
)


def retrying(attempts: int = 4, exc_types: tuple[type[BaseException], ...] = TRANSIENT) -> AsyncRetrying:
    return AsyncRetrying(
        retry=retry_if_exception_type(exc_types),
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=5),
        reraise=True,
    )


class CircuitOpenError(RuntimeError):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after ``reset_after`` seconds."""

    def __init__(self, name: str, *, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self.reset_after:
            return "half-open"
        return "open"

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.state == "open":
            raise CircuitOpenError(f"circuit {self.name} is open")
        try:
            result = await fn()
        except Exception:
            self._record_failure()
            raise
        self._failures = 0
        self._opened_at = None
        return result

    def _record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self.failure_threshold:
            if self._opened_at is None:
                log.warning("circuit_opened", breaker=self.name, failures=self._failures)
            self._opened_at = time.monotonic()
