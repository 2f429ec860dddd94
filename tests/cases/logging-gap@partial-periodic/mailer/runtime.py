"""Small task helpers: restart a crashed worker, run a job every N seconds."""
import asyncio
import logging
from typing import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    backoff = 1.0
    while True:
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting in %.0fs", name, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 60.0)


async def periodic(interval: float, job: Callable[[], Awaitable[None]]) -> None:
    while True:
        await job()
        await asyncio.sleep(interval)
