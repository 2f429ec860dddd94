"""Supervision for long-running loops: restart with capped exponential backoff."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    backoff = 1.0
    while True:
        try:
            await factory()
            log.info("%s exited cleanly", name)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting in %.0fs", name, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, max_backoff)
