"""Retry and breaker helpers for outbound calls."""
import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def retried(call: Callable[[], Awaitable[T]], tries: int = 3) -> T:
    for attempt in range(tries):
        try:
            return await call()
        except OSError:
            if attempt == tries - 1:
                raise
            await asyncio.sleep(0.2 * 2**attempt)
    raise RuntimeError("unreachable")


class Breaker:
    def __init__(self) -> None:
        self.failures = 0

    async def run(self, thunk: Callable[[], Awaitable[T]]) -> T:
        if self.failures > 5:
            raise RuntimeError("open")
        try:
            return await thunk()
        except Exception:
            self.failures += 1
            raise
