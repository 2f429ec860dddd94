"""Retry and breaker helpers shared by the outbound clients."""
import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


async def with_retry(fn: Callable[[], Awaitable[T]], *, attempts: int = 3, delay: float = 0.2) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except OSError:
            if attempt == attempts:
                raise
            await asyncio.sleep(delay * attempt)
    raise AssertionError("unreachable")


async def timed(fn: Callable[[], Awaitable[T]], what: str) -> T:
    started = time.monotonic()
    try:
        return await fn()
    finally:
        log.info("%s took %.3fs", what, time.monotonic() - started)


class Breaker:
    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.failures = 0

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.failures >= self.threshold:
            raise RuntimeError("open")
        try:
            result = await fn()
        except Exception:
            self.failures += 1
            raise
        self.failures = 0
        return result
