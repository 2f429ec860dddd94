"""Login lockout and a per-host breaker."""
from __future__ import annotations

import time


class TooManyRequests(Exception):
    pass


class CircuitOpen(Exception):
    pass


class LoginGuard:
    """Locks an account out after repeated failures, counted in this process only."""

    def __init__(self, max_failures: int, lockout_s: int = 900) -> None:
        self._max_failures = max_failures
        self._lockout_s = lockout_s
        self._failures: dict[str, tuple[int, float]] = {}

    def check(self, email: str) -> None:
        count, since = self._failures.get(email, (0, 0.0))
        if count >= self._max_failures and time.monotonic() - since < self._lockout_s:
            raise TooManyRequests("account temporarily locked")

    def record_failure(self, email: str) -> None:
        count, _ = self._failures.get(email, (0, 0.0))
        self._failures[email] = (count + 1, time.monotonic())

    def reset(self, email: str) -> None:
        self._failures.pop(email, None)


class HostBreaker:
    """Correct: a breaker protects this process's calls to a host; each process judging on its own is fine."""

    def __init__(self, threshold: int = 5, cooldown_s: float = 30.0) -> None:
        self._threshold = threshold
        self._cooldown_s = cooldown_s
        self._failures: dict[str, tuple[int, float]] = {}

    def check(self, host: str) -> None:
        count, since = self._failures.get(host, (0, 0.0))
        if count >= self._threshold and time.monotonic() - since < self._cooldown_s:
            raise CircuitOpen(host)

    def record_failure(self, host: str) -> None:
        count, _ = self._failures.get(host, (0, 0.0))
        self._failures[host] = (count + 1, time.monotonic())
