"""Login lockout and a per-host breaker, both keeping lists of failure times."""
from __future__ import annotations

import time


class RateLimited(Exception):
    pass


class CircuitOpen(Exception):
    pass


class LoginThrottle:
    """Locks a handle out after repeated failed logins, counted in this process only."""

    def __init__(self, max_failures: int = 8, lockout_s: float = 600.0) -> None:
        self.max_failures = max_failures
        self.lockout_s = lockout_s
        self._failures: dict[str, list[float]] = {}  # expect: horizontal-scaling-blocker

    def check(self, handle: str) -> None:
        recent = [t for t in self._failures.get(handle, []) if time.monotonic() - t < self.lockout_s]
        if len(recent) >= self.max_failures:
            raise RateLimited("too many failed logins, try again later")

    def record_failure(self, handle: str) -> None:
        self._failures.setdefault(handle, []).append(time.monotonic())

    def reset(self, handle: str) -> None:
        self._failures.pop(handle, None)


class HostBreaker:
    """Correct: a breaker protects this process's calls to a host; each process judging on its own is fine."""

    def __init__(self, threshold: int = 5, window_s: float = 30.0) -> None:
        self.threshold = threshold
        self.window_s = window_s
        self._failures: dict[str, list[float]] = {}

    def check(self, host: str) -> None:
        recent = [t for t in self._failures.get(host, []) if time.monotonic() - t < self.window_s]
        if len(recent) >= self.threshold:
            raise CircuitOpen(host)

    def record_failure(self, host: str) -> None:
        self._failures.setdefault(host, []).append(time.monotonic())
