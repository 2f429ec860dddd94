import asyncio
import random
from typing import Awaitable, Callable, TypeVar

import httpx

T = TypeVar("T")


async def with_backoff(fn: Callable[[], Awaitable[T]], *, attempts: int = 4) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except httpx.TransportError:
            if attempt == attempts:
                raise
            await asyncio.sleep(0.2 * 2 ** attempt + random.random() / 10)
    raise AssertionError("unreachable")
