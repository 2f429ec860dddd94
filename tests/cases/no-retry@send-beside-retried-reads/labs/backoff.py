import asyncio
import random
from typing import Awaitable, Callable, TypeVar

T = TypeVar("T")


async def with_backoff(fn: Callable[[], Awaitable[T]], *, attempts: int = 4,
                       retry_on: tuple[type[BaseException], ...] = (Exception,)) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on:
            if attempt == attempts:
                raise
            await asyncio.sleep(random.uniform(0, 0.25 * 2 ** attempt))
    raise AssertionError("unreachable")
