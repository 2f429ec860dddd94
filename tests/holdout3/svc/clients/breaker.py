"""A small consecutive-failure circuit breaker usable as an async context manager."""
from __future__ import annotations

import logging
import time
from types import TracebackType

from svc.errors import ProviderUnavailableError

log = logging.getLogger(__name__)


class CircuitOpenError(ProviderUnavailableError):
    code = "circuit_open"


class CircuitBreaker:
    """Opens after `failure_threshold` consecutive failures; lets one trial call through
    after `reset_timeout` seconds (half-open) and closes again on success."""

    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        reset_timeout: float = 30.0,
        expected: tuple[type[BaseException], ...] = (Exception,),
    ) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_timeout = reset_timeout
        self._expected = expected
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if time.monotonic() - self._opened_at >= self._reset_timeout:
            return "half-open"
        return "open"

    async def __aenter__(self) -> CircuitBreaker:
        if self.state == "open":
            raise CircuitOpenError(f"circuit '{self.name}' is open")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is None:
            self._failures = 0
            self._opened_at = None
        elif issubclass(exc_type, self._expected):
            self._failures += 1
            if self._failures >= self._threshold:
                if self._opened_at is None:
                    log.warning("circuit %s opened after %d failures", self.name, self._failures)
                self._opened_at = time.monotonic()
        return False
