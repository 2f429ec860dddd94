from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

T = TypeVar("T")
log = logging.getLogger(__name__)

TRANSIENT = (httpx.TransportError, httpx.RemoteProtocolError)


async def with_retries(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.25,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT,
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = base_delay * 2 ** (attempt - 1) + random.uniform(0, base_delay)
            log.warning("transient failure (%s), retry %d/%d in %.2fs", exc, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker; half-opens after `reset_after` seconds."""

    def __init__(self, name: str, threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def _allow(self) -> bool:
        if self._opened_at is None:
            return True
        return time.monotonic() - self._opened_at >= self._reset_after

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if not self._allow():
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self._threshold:
                self._opened_at = time.monotonic()
                log.error("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        self._opened_at = None
        return result
