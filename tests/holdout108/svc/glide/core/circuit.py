from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from glide.errors import CircuitOpen

log = logging.getLogger(__name__)
T = TypeVar("T")


class CircuitBreaker:
    def __init__(self, name: str, *, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
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

    def _record_success(self) -> None:
        self._failures = 0
        self._opened_at = None

    def _record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            if self._opened_at is None:
                log.warning("circuit %s opened after %d failures", self.name, self._failures)
            self._opened_at = time.monotonic()

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        return "open" if self.is_open else "half_open"

    def snapshot(self) -> dict[str, object]:
        return {"name": self.name, "state": self.state, "failures": self._failures}

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.is_open:
            raise CircuitOpen(f"{self.name} unavailable")
        try:
            result = await fn()
        except Exception:
            self._record_failure()
            raise
        self._record_success()
        return result
