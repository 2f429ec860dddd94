from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx

T = TypeVar("T")
logger = logging.getLogger(__name__)

TRANSIENT = (httpx.TransportError, httpx.RemoteProtocolError)


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    base_delay: float = 0.2,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT,
) -> T:
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except retry_on as exc:
            if attempt == attempts:
                raise
            delay = base_delay * 2 ** (attempt - 1) + random.uniform(0, base_delay)
            logger.warning("transient failure (%s), retry %d in %.2fs", exc, attempt, delay)
            await asyncio.sleep(delay)
    raise RuntimeError("unreachable")
