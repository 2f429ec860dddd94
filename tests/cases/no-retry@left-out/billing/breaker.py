import time


class BreakerOpen(RuntimeError):
    pass


class Breaker:
    """Opens after `limit` consecutive failures; lets one trial call through after `reset` seconds."""

    def __init__(self, limit: int = 5, reset: float = 30.0) -> None:
        self._limit = limit
        self._reset = reset
        self._failures = 0
        self._opened = 0.0

    async def __aenter__(self) -> "Breaker":
        if self._failures >= self._limit and time.monotonic() - self._opened < self._reset:
            raise BreakerOpen("circuit open")
        return self

    async def __aexit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            self._failures = 0
        else:
            self._failures += 1
            if self._failures >= self._limit:
                self._opened = time.monotonic()
        return False
