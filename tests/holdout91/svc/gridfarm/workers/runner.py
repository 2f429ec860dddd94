from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


async def run_periodic(name: str, job: Job, interval_s: float) -> None:
    while True:
        try:
            await job()
        except Exception:
            log.exception("periodic job %s failed; running it again", name)
            continue
        await asyncio.sleep(interval_s)


async def supervise(name: str, job: Job, max_backoff_s: float = 60.0) -> None:
    """Run a long-lived coroutine, restarting it with capped exponential backoff."""
    backoff = 1.0
    while True:
        try:
            await job()
            backoff = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting in %.1fs", name, backoff)
            await asyncio.sleep(backoff + random.random())
            backoff = min(max_backoff_s, backoff * 2)
