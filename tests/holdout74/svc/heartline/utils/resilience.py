"""Retry with backoff and a small circuit breaker for outbound calls."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

log = logging.getLogger(__name__)
T = TypeVar("T")


class CircuitOpen(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(f"circuit {name} is open")
        self.name = name


async def retry_async(
    fn: Callable[..., Awaitable[T]],
    *args: Any,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (httpx.TransportError,),
    **kwargs: Any,
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn(*args, **kwargs)
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
            log.debug("retrying %s after %s (attempt %d/%d)", getattr(fn, "__name__", fn), exc, attempt, attempts)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None and time.monotonic() - self._opened_at < self.reset_after

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        if self.is_open:
            raise CircuitOpen(self.name)
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._opened_at = time.monotonic()
                log.warning("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        self._opened_at = None
        return result
