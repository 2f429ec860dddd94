"""Retry helpers and a small circuit breaker shared by the outbound clients."""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


def _backoff(attempt: int, base: float, cap: float) -> float:
    return min(cap, base * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = _backoff(attempt, base_delay, max_delay)
            logger.info("retrying %s after %r (attempt %d/%d)", getattr(fn, "__name__", fn), exc, attempt, attempts)
            time.sleep(delay)
    raise RuntimeError("unreachable")


def retry_sync(
    fn: Callable[[], T],
    *,
    attempts: int = 3,
    base_delay: float = 0.5,
    max_delay: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    """Blocking variant for the sync SDKs; only call it from a worker thread."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except retry_on:
            if attempt == attempts:
                raise
            pause = _backoff(attempt, base_delay, max_delay)
            time.sleep(pause)
    raise RuntimeError("unreachable")


class CircuitOpen(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(f"circuit {name} is open")
        self.name = name


class CircuitBreaker:
    """Opens after `failure_threshold` consecutive failures, half-opens after `reset_after` seconds."""

    def __init__(self, name: str, *, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None and time.monotonic() - self._opened_at < self._reset_after

    async def __aenter__(self) -> "CircuitBreaker":
        if self._opened_at is not None:
            if time.monotonic() - self._opened_at < self._reset_after:
                raise CircuitOpen(self.name)
            self._opened_at = None  # half-open: let this call through
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if exc_type is None:
            self._failures = 0
            return False
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = time.monotonic()
            logger.warning("circuit %s opened after %d failures", self.name, self._failures)
        return False
