"""Small retry helpers for outbound calls that do not use tenacity."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

logger = logging.getLogger(__name__)


def backoff_delay(attempt: int, base: float = 0.2, cap: float = 5.0) -> float:
    """Exponential backoff with full jitter."""
    return random.uniform(0, min(cap, base * (2**attempt)))


def wait_before_retry(attempt: int) -> None:
    time.sleep(backoff_delay(attempt))


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    base: float = 0.2,
) -> T:
    for attempt in range(attempts):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts - 1:
                raise
            delay = backoff_delay(attempt, base)
            logger.info("retrying after %s (attempt %d, %.2fs)", type(exc).__name__, attempt + 1, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")
