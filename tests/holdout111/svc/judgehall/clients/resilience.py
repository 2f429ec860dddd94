from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
from tenacity import (
    AsyncRetrying,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from judgehall.errors import UpstreamUnavailable

T = TypeVar("T")


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None
        self._half_open_probe = asyncio.Lock()

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        return time.monotonic() - self._opened_at < self.reset_after

    async def call(self, fn: Callable[..., Awaitable[T]], *args, **kwargs) -> T:
        if self.is_open:
            raise UpstreamUnavailable(f"{self.name} circuit open")
        half_open = self._opened_at is not None
        if half_open and self._half_open_probe.locked():
            raise UpstreamUnavailable(f"{self.name} circuit probing")
        async with self._half_open_probe if half_open else _null():
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
        if self._failures >= self.failure_threshold:
            self._opened_at = time.monotonic()


class _null:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


TRANSIENT = (httpx.TransportError, httpx.RemoteProtocolError)

transient_retry = retry(
    retry=retry_if_exception_type(TRANSIENT),
    stop=stop_after_attempt(4),
    wait=wait_exponential_jitter(initial=0.2, max=3.0),
    reraise=True,
)


def retrying(attempts: int = 3) -> AsyncRetrying:
    return AsyncRetrying(
        retry=retry_if_exception_type(TRANSIENT),
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        reraise=True,
    )
