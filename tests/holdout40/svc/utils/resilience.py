"""Retry with backoff and a simple circuit breaker for outbound calls."""
from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx


T = TypeVar("T")

RETRYABLE = (httpx.TransportError, httpx.RemoteProtocolError)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 3.0,
    retry_on: tuple[type[BaseException], ...] = RETRYABLE,
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            await asyncio.sleep(delay + random.uniform(0, delay / 2))
    raise RuntimeError("unreachable")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after `reset_after` seconds."""

    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
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
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold or self.state == "half-open":
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result
