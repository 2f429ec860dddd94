"""Restart long-running workers with capped exponential backoff."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    """Sleep for ``seconds`` unless ``stop`` is set first."""
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except asyncio.TimeoutError:
        pass


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    stop: asyncio.Event,
    *,
    initial_backoff: float = 1.0,
    max_backoff: float = 60.0,
    healthy_after: float = 60.0,
) -> None:
    backoff = initial_backoff
    while not stop.is_set():
        started = time.monotonic()
        try:
            await factory()
            if stop.is_set():
                return
            logger.warning("worker %s returned unexpectedly; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed", name)
        if time.monotonic() - started > healthy_after:
            backoff = initial_backoff
        await sleep_or_stop(stop, backoff)
        backoff = min(backoff * 2, max_backoff)
