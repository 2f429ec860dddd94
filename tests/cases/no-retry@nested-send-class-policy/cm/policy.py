"""A hand-written retry decorator and breaker shared by the clients."""
import asyncio
import functools
import random
from typing import Any, Awaitable, Callable

import httpx


def retry_async(attempts: int = 3, base_delay: float = 0.5):
    def wrap(fn: Callable[..., Awaitable[Any]]):
        @functools.wraps(fn)
        async def inner(*args: Any, **kwargs: Any) -> Any:
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except httpx.TransportError:
                    if attempt == attempts:
                        raise
                    await asyncio.sleep(base_delay * 2 ** attempt + random.random() / 10)
        return inner
    return wrap


class Breaker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.failures = 0

    async def call(self, fn: Callable[[], Awaitable[Any]]) -> Any:
        if self.failures >= 5:
            raise RuntimeError(f"{self.name} open")
        try:
            result = await fn()
        except Exception:
            self.failures += 1
            raise
        self.failures = 0
        return result
