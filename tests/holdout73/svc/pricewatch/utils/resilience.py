"""Retry with backoff and circuit breakers for outbound dependencies."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.5,
    max_delay: float = 8.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    """Run ``fn`` with exponential backoff and full jitter."""
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            delay = random.uniform(0, delay)
            log.warning("attempt %d/%d failed (%s); retrying in %.2fs", attempt, attempts, exc, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")


class CircuitOpenError(RuntimeError):
    pass


@dataclass
class _BreakerState:
    failures: int = 0
    opened_at: float | None = None
    half_open_inflight: bool = False


class BaseBreaker:
    def __init__(self, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._state = _BreakerState()

    def record_failure(self) -> None:
        self._state.failures += 1
        if self._state.failures >= self.failure_threshold:
            self._state.opened_at = time.monotonic()

    def record_success(self) -> None:
        self._state = _BreakerState()

    def allow(self) -> bool:
        opened = self._state.opened_at
        if opened is None:
            return True
        if time.monotonic() - opened >= self.reset_after and not self._state.half_open_inflight:
            self._state.half_open_inflight = True
            return True
        return False


class CircuitBreaker(BaseBreaker):
    """Per-dependency breaker; the API process keeps one per outbound provider."""

    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        super().__init__(failure_threshold, reset_after)
        self.name = name

    def guard(self) -> None:
        if not self.allow():
            raise CircuitOpenError(f"circuit {self.name} is open")

    def on_error(self, exc: BaseException) -> None:
        self.record_failure()


@dataclass
class BreakerRegistry:
    threshold: int = 5
    reset_after: float = 60.0
    _breakers: dict[str, CircuitBreaker] = field(default_factory=dict)

    def for_key(self, key: str) -> CircuitBreaker:
        breaker = self._breakers.get(key)
        if breaker is None:
            breaker = self._breakers[key] = CircuitBreaker(key, self.threshold, self.reset_after)
        return breaker
