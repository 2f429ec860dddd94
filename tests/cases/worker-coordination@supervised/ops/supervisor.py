"""Restarts a long-running job with a growing pause when it fails."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(name: str, job: Callable[[], Awaitable[None]], *, max_backoff: float = 60.0) -> None:
    backoff = 1.0
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting in %.0fs", name, backoff)
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, max_backoff)
