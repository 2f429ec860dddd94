"""Keeps a long-running coroutine alive: restarts it with exponential backoff when it fails."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    *,
    initial_backoff: float = 1.0,
    max_backoff: float = 60.0,
    healthy_after: float = 300.0,
) -> None:
    backoff = initial_backoff
    while True:
        started = time.monotonic()
        try:
            await factory()
            log.warning("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting in %.1fs", name, backoff)
        if time.monotonic() - started > healthy_after:
            backoff = initial_backoff
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, max_backoff)
