from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")
logger = logging.getLogger(__name__)


async def with_backoff(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 4,
    base: float = 0.2,
    cap: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(cap, base * 2 ** (attempt - 1)) * (0.5 + random.random())
            logger.info("retrying after %s (attempt %d/%d, %.2fs)", type(exc).__name__, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
