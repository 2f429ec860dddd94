from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

logger = logging.getLogger(__name__)

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in RETRYABLE_STATUS
    return isinstance(exc, (httpx.TransportError, asyncio.TimeoutError))


async def retry_async(
    call: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except Exception as exc:
            if attempt == attempts or not is_transient(exc):
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)
            logger.info("transient failure (%s), retry %d/%d in %.2fs", exc, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Counts consecutive failures; rejects calls for `reset_after` seconds once `threshold` is hit."""

    def __init__(self, name: str, threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def _allow(self) -> bool:
        if self._opened_at is None:
            return True
        if time.monotonic() - self._opened_at >= self._reset_after:
            return True
        return False

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if not self._allow():
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self._threshold:
                self._opened_at = time.monotonic()
                logger.warning("circuit %s opened after %d failures", self.name, self._failures)
            raise
        self._failures = 0
        self._opened_at = None
        return result
