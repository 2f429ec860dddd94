"""A per-receiver circuit breaker."""
import time


class Circuit:
    def __init__(self, threshold: int, cooldown: float) -> None:
        self._threshold = threshold
        self._cooldown = cooldown
        self._failures = 0
        self._open_until = 0.0

    def allow(self) -> bool:
        return time.monotonic() >= self._open_until

    def record(self, ok: bool) -> None:
        self._failures = 0 if ok else self._failures + 1
        if self._failures >= self._threshold:
            self._open_until = time.monotonic() + self._cooldown
