from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    """Keep a long-running coroutine alive, restarting it with capped exponential backoff."""
    backoff = 1.0
    while True:
        try:
            await factory()
            logger.warning("%s exited; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed; restarting in %.1fs", name, backoff)
        await asyncio.sleep(backoff + random.uniform(0, 1))
        backoff = min(backoff * 2, max_backoff)


async def run_periodic(name: str, job: Callable[[], Awaitable[object]], interval: float) -> None:
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s run failed", name)
            continue
        await asyncio.sleep(interval)
