from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable, Optional, TypeVar

import structlog

from pulsewatch.errors import CircuitOpen

T = TypeVar("T")
log = structlog.get_logger(__name__)


class CircuitBreaker:
    """Consecutive-failure breaker with a single half-open probe."""

    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_after_s: float = 30.0,
        expected: tuple[type[BaseException], ...] = (Exception,),
    ) -> None:
        self.name = name
        self._failure_threshold = failure_threshold
        self._reset_after_s = reset_after_s
        self._expected = expected
        self._failures = 0
        self._opened_at: Optional[float] = None
        self._half_open_in_flight = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self._reset_after_s:
            return "half_open"
        return "open"

    def _before_call(self) -> None:
        state = self.state
        if state == "open":
            raise CircuitOpen(f"{self.name} circuit is open")
        if state == "half_open":
            if self._half_open_in_flight:
                raise CircuitOpen(f"{self.name} circuit is half-open")
            self._half_open_in_flight = True

    def _on_success(self) -> None:
        if self._opened_at is not None:
            log.info("circuit.closed", breaker=self.name)
        self._failures = 0
        self._opened_at = None
        self._half_open_in_flight = False

    def _on_failure(self) -> None:
        self._failures += 1
        self._half_open_in_flight = False
        if self._failures >= self._failure_threshold or self._opened_at is not None:
            self._opened_at = time.monotonic()
            log.warning("circuit.opened", breaker=self.name, failures=self._failures)

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        self._before_call()
        try:
            result = await fn()
        except asyncio.CancelledError:
            self._half_open_in_flight = False
            raise
        except self._expected:
            self._on_failure()
            raise
        self._on_success()
        return result
