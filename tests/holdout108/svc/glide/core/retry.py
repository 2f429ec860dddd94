from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRYABLE = (httpx.TransportError, httpx.RemoteProtocolError)


def backoff_delay(attempt: int, base: float = 0.2, cap: float = 5.0) -> float:
    return min(cap, base * (2**attempt)) * (0.5 + random.random() / 2)


def backoff_sleep(attempt: int) -> None:
    time.sleep(backoff_delay(attempt))


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    retry_on: tuple[type[BaseException], ...] = RETRYABLE,
    label: str = "call",
) -> T:
    for attempt in range(attempts):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts - 1:
                raise
            delay = backoff_delay(attempt)
            log.info("%s failed (%s), retrying in %.2fs", label, exc, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")
