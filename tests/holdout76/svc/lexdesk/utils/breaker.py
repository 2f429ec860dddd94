"""A small async circuit breaker for slow or flapping dependencies."""
from __future__ import annotations

import logging
import time
from types import TracebackType

log = logging.getLogger(__name__)


class CircuitOpen(Exception):
    def __init__(self, name: str, retry_in: float) -> None:
        super().__init__(f"{name} circuit open; retry in {retry_in:.0f}s")
        self.retry_in = retry_in


class CircuitBreaker:
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

    async def __aenter__(self) -> CircuitBreaker:
        if self.state == "open":
            assert self._opened_at is not None
            raise CircuitOpen(self.name, self._reset_after - (time.monotonic() - self._opened_at))
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> bool:
        if exc_type is None:
            self._failures = 0
            self._opened_at = None
        elif not issubclass(exc_type, (ValueError, KeyError)):
            self._failures += 1
            if self._failures >= self._threshold or self.state == "half-open":
                if self._opened_at is None:
                    log.warning("circuit %s opened after %d failures", self.name, self._failures)
                self._opened_at = time.monotonic()
        return False
