"""Supervision for in-process background loops."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from prometheus_client import Counter

log = logging.getLogger(__name__)

RESTARTS = Counter("podhost_background_restarts_total", "Background loop restarts", ["name"])


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    *,
    initial_delay: float = 1.0,
    max_delay: float = 60.0,
) -> None:
    delay = initial_delay
    while True:
        try:
            await factory()
            log.info("background loop %s exited cleanly", name)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("background loop %s crashed; restarting in %.1fs", name, delay)
            RESTARTS.labels(name).inc()
            await asyncio.sleep(delay)
            delay = min(max_delay, delay * 2)
