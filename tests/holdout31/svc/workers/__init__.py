"""Background workers started from the application lifespan."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    """Keep a worker running: restart it whenever it returns or raises."""
    while True:
        try:
            await factory()
            log.info("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting", name)
