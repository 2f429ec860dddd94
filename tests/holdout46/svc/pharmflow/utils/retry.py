from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")

log = logging.getLogger(__name__)


async def with_retry(
    op: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.2,
    max_delay: float = 3.0,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
) -> T:
    """Run ``op`` with exponential backoff and full jitter."""
    for attempt in range(1, attempts + 1):
        try:
            return await op()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = min(max_delay, base_delay * 2 ** (attempt - 1))
            delay = random.uniform(0, delay)
            log.info("retrying after %s (attempt %d/%d, sleeping %.2fs)", type(exc).__name__, attempt, attempts, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
