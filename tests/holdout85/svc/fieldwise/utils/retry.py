from __future__ import annotations

import asyncio
import random
import time
from typing import Awaitable, Callable, TypeVar

from fieldwise.logging_setup import get_logger

log = get_logger(__name__)

T = TypeVar("T")


async def with_backoff(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
    base_s: float = 0.25,
    max_s: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    """Run ``fn`` with exponential backoff and full jitter."""
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on:
            if attempt == attempts:
                raise
            delay = min(max_s, base_s * 2 ** (attempt - 1))
            await asyncio.sleep(random.uniform(0, delay))
    raise AssertionError("unreachable")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after_s: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after_s
        self._failures = 0
        self._opened_at: float | None = None

    def _allow(self) -> bool:
        if self._opened_at is None:
            return True
        if time.monotonic() - self._opened_at >= self._reset_after:
            return True  # half-open: let one call probe
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
            raise
        self._failures = 0
        self._opened_at = None
        return result


async def supervise(name: str, factory: Callable[[], Awaitable[None]], *,
                    base_s: float = 1.0, max_s: float = 60.0) -> None:
    """Run ``factory()`` forever, restarting with capped exponential backoff when it fails."""
    delay = base_s
    while True:
        try:
            await factory()
            delay = base_s
        except asyncio.CancelledError:
            raise
        except Exception:  # logged, then restarted after backoff
            log.exception("task.crashed", task=name, restart_in_s=round(delay, 1))
        await asyncio.sleep(delay + random.uniform(0, delay / 2))
        delay = min(max_s, delay * 2)
