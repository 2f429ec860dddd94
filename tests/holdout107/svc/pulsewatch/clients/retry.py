from __future__ import annotations

import asyncio
import random
import time
from typing import Awaitable, Callable, TypeVar

T = TypeVar("T")


def compute_backoff(attempt: int, base: float = 0.5, cap: float = 30.0) -> float:
    delay = min(cap, base * (2 ** attempt))
    return delay / 2 + random.uniform(0, delay / 2)


def sleep_backoff(attempt: int, base: float = 0.5, cap: float = 30.0) -> None:
    time.sleep(compute_backoff(attempt, base, cap))


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base: float = 0.5,
    cap: float = 10.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    last_exc: BaseException | None = None
    for attempt in range(attempts):
        try:
            return await fn()
        except retry_on as exc:
            last_exc = exc
            if attempt == attempts - 1:
                break
            await asyncio.sleep(compute_backoff(attempt, base, cap))
    assert last_exc is not None
    raise last_exc
