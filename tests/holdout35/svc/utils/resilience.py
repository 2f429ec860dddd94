"""Retry, circuit breaking and task supervision."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
logger = logging.getLogger(__name__)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 3.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
            logger.warning("retrying after %s (attempt %d/%d): %r", delay, attempt, attempts, exc)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


class CircuitOpenError(RuntimeError):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._failure_threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self._reset_after:
            return False
        return True

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.is_open:
            raise CircuitOpenError(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self._failure_threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    backoff = 1.0
    while True:
        started = asyncio.get_running_loop().time()
        try:
            await factory()
            logger.warning("%s exited; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed", name)
        if asyncio.get_running_loop().time() - started > 300:
            backoff = 1.0
        await asyncio.sleep(backoff + random.uniform(0, backoff / 2))
        backoff = min(backoff * 2, max_backoff)


def start_supervised(tasks: list[asyncio.Task], name: str, factory: Callable[[], Awaitable[None]]) -> None:
    tasks.append(asyncio.create_task(supervise(name, factory), name=name))
