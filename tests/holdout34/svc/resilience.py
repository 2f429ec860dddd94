"""Retry, circuit breaking and supervision helpers shared by the clients and workers."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from svc.errors import CircuitOpenError

logger = logging.getLogger(__name__)

T = TypeVar("T")


class CircuitBreaker:
    """Closed -> open after N consecutive failures; half-open after reset_timeout."""

    def __init__(self, name: str, failure_threshold: int = 5, reset_timeout: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_timeout = reset_timeout
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self._reset_timeout:
            return "half-open"
        return "open"

    def _on_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def _on_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            if self._opened_at is None:
                logger.warning("circuit %s opened after %d failures", self.name, self._failures)
            self._opened_at = time.monotonic()

    async def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        if self.state == "open":
            raise CircuitOpenError(self.name, f"{self.name} circuit open")
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._on_failure()
            raise
        self._on_success()
        return result

    async def __aenter__(self) -> CircuitBreaker:
        if self.state == "open":
            raise CircuitOpenError(self.name, f"{self.name} circuit open")
        return self

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        if exc_type is None:
            self._on_success()
        elif not issubclass(exc_type, asyncio.CancelledError):
            self._on_failure()
        return False


async def retry_async(
    fn: Callable[..., Awaitable[T]],
    *args: Any,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 2.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    **kwargs: Any,
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn(*args, **kwargs)
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
            logger.warning("attempt %d/%d of %s failed (%s); retrying in %.2fs",
                           attempt, attempts, getattr(fn, "__qualname__", fn), exc, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


class Supervisor:
    """Keeps long-running background coroutines alive, with capped backoff between restarts."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopping = asyncio.Event()

    def spawn(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(self._run(name, factory), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            started = time.monotonic()
            try:
                await factory()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("background job %s crashed; restarting in %.1fs", name, delay)
            if time.monotonic() - started > 60:
                delay = 1.0
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)

    async def stop(self) -> None:
        self._stopping.set()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
