from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

from ..errors import UpstreamUnavailable

T = TypeVar("T")
logger = logging.getLogger(__name__)

TRANSIENT = (httpx.TransportError, httpx.TimeoutException)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
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
            logger.warning("transient failure (%s), retry %d in %.2fs", exc, attempt, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")


class CircuitBreaker:
    def __init__(self, name: str, *, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def _is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self.reset_after:
            self._opened_at = None
            self._failures = self.failure_threshold - 1
            return False
        return True

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self._is_open():
            raise UpstreamUnavailable(f"{self.name} circuit open")
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        return result
