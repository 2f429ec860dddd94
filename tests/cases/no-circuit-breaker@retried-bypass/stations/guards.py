"""The project's own breaker and retry helper: both call what they are handed with the rest of the arguments."""
import asyncio
import time
from typing import Any, Awaitable, Callable


class CircuitOpen(Exception):
    pass


class Breaker:
    def __init__(self, name: str, failures: int = 5, cooldown: float = 30.0) -> None:
        self.name = name
        self._failures = failures
        self._cooldown = cooldown
        self._count = 0
        self._opened_at = 0.0

    async def call(self, fn: Callable[..., Awaitable[Any]], *args: Any, **kwargs: Any) -> Any:
        if self._count >= self._failures and time.monotonic() - self._opened_at < self._cooldown:
            raise CircuitOpen(self.name)
        try:
            result = await fn(*args, **kwargs)
        except Exception:
            self._count += 1
            self._opened_at = time.monotonic()
            raise
        self._count = 0
        return result


async def retry_async(fn: Callable[..., Awaitable[Any]], *args: Any, attempts: int = 3, **kwargs: Any) -> Any:
    for attempt in range(attempts):
        try:
            return await fn(*args, **kwargs)
        except (OSError, asyncio.TimeoutError):
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(0.5 * 2 ** attempt)
    raise AssertionError("unreachable")
