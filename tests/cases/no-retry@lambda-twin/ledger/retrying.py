"""Hand-written retry helper: runs the callable it is given again after a transient failure."""
import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


class Transient(Exception):
    pass


async def with_retries(op: Callable[[], Awaitable[T]], tries: int = 3, delay: float = 0.5) -> T:
    for attempt in range(tries):
        try:
            return await op()
        except Transient:
            if attempt == tries - 1:
                raise
            await asyncio.sleep(delay * (2 ** attempt) * random.uniform(0.5, 1.5))
    raise RuntimeError("unreachable")
