"""Shared retry policy and a hand-written breaker that runs the call it is given."""
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


def retrying(attempts: int = 4) -> AsyncRetrying:
    return AsyncRetrying(
        retry=retry_if_exception_type(httpx.TransportError),
        stop=stop_after_attempt(attempts),
        wait=wait_exponential_jitter(initial=0.2, max=5.0),
        reraise=True,
    )


class Breaker:
    def __init__(self, threshold: int = 5, reset_after: float = 30.0) -> None:
        self._threshold = threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at = 0.0

    async def call(self, fn: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
        if self._failures >= self._threshold and time.monotonic() - self._opened_at < self._reset_after:
            raise RuntimeError("circuit open")
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._failures += 1
            self._opened_at = time.monotonic()
            raise
        self._failures = 0
        return result
