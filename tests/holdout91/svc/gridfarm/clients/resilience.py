from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

log = logging.getLogger(__name__)
T = TypeVar("T")

TRANSIENT = (httpx.TransportError, httpx.HTTPStatusError, asyncio.TimeoutError)


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, name: str, threshold: int = 5, reset_after_s: float = 30.0) -> None:
        self.name = name
        self.threshold = threshold
        self.reset_after_s = reset_after_s
        self._failures = 0
        self._opened_at: float | None = None

    def _check(self) -> None:
        if self._opened_at is None:
            return
        if time.monotonic() - self._opened_at >= self.reset_after_s:
            self._opened_at = None  # half-open: let one call through
            return
        raise CircuitOpen(self.name)

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        self._check()
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.threshold:
                self._opened_at = time.monotonic()
                log.warning("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        return result


async def with_retries(
    fn: Callable[[], Awaitable[T]], attempts: int = 4, base_delay: float = 0.5, max_delay: float = 8.0
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except TRANSIENT as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
            log.info("retrying after %s (attempt %d/%d, %.2fs)", type(exc).__name__, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
