"""Retry helpers for outbound calls."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def backoff_delay(attempt: int, base: float = 0.5, cap: float = 8.0) -> float:
    return min(cap, base * (2 ** attempt)) * (0.5 + random.random() / 2)


def backoff_sleep(attempt: int) -> None:
    """Used by the synchronous SDK wrappers, which run in worker threads."""
    time.sleep(backoff_delay(attempt))


async def async_retry(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    retry_on: tuple[type[BaseException], ...] = (Exception,),
    label: str = "call",
) -> T:
    for attempt in range(attempts):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts - 1:
                raise
            delay = backoff_delay(attempt)
            log.info("%s failed (%s), retry %d in %.2fs", label, exc, attempt + 1, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")
