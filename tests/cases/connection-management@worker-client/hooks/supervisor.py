"""Keeps a job running: restarts it with a growing pause when it fails."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(name: str, job: Callable[[], Awaitable[None]]) -> None:
    backoff = 1.0
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed", name)
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, 60.0)
