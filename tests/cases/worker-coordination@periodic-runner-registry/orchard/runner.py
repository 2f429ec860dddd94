"""Runs one job over and over, pausing between rounds; the job itself runs once per call."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def run_periodic(name: str, job: Callable[[], Awaitable[None]], interval_s: float) -> None:
    while True:
        try:
            await job()
        except Exception:
            log.exception("periodic job %s failed", name)
        await asyncio.sleep(interval_s)
