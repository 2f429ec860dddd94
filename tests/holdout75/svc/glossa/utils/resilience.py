"""Retry, circuit breaking and task supervision shared by clients, services and workers."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


async def retry_async(
    fn: Callable[..., Awaitable[T]],
    *args: Any,
    attempts: int = 3,
    base_delay: float = 0.25,
    max_delay: float = 4.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    **kwargs: Any,
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn(*args, **kwargs)
        except retry_on:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            await asyncio.sleep(delay * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")


def backoff_seconds(attempt: int, base: int = 10, cap: int = 3600) -> int:
    return min(cap, base * 2 ** max(0, attempt - 1))


class CircuitOpen(Exception):
    def __init__(self, name: str, retry_in: float) -> None:
        super().__init__(f"circuit {name} open, retry in {retry_in:.0f}s")
        self.name = name


class CircuitBreaker:
    """Closed -> open after `failure_threshold` consecutive failures; one trial call after `reset_after`."""

    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self._reset_after:
            return "half-open"
        return "open"

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        if self.state == "open":
            raise CircuitOpen(self.name, self._reset_after - (time.monotonic() - (self._opened_at or 0.0)))
        try:
            result = await fn(*args, **kwargs)
        except Exception as failure:
            self._failures += 1
            if self._failures >= self._threshold or self.state == "half-open":
                self._opened_at = time.monotonic()
                logger.warning("circuit %s opened after %d failures, last: %r", self.name, self._failures, failure)
            raise
        self._failures = 0
        self._opened_at = None
        return result


async def supervise(name: str, factory: Callable[[], Awaitable[None]], *, min_backoff: float = 1.0, max_backoff: float = 60.0) -> None:
    """Keep a long-running coroutine alive, restarting it with capped exponential backoff."""
    backoff = min_backoff
    while True:
        started = time.monotonic()
        try:
            await factory()
            logger.warning("%s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed; restarting in %.1fs", name, backoff)
        if time.monotonic() - started > 300:
            backoff = min_backoff
        await asyncio.sleep(backoff)
        backoff = min(max_backoff, backoff * 2)


class TaskSet:
    """Background tasks owned by the process: referenced until done, cancelled on shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any], *, name: str | None = None) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
