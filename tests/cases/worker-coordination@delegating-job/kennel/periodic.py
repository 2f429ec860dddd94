"""A tiny loop helper: run a coroutine function every `seconds`."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def repeat(seconds: float, job: Callable[[], Awaitable[object]]) -> None:
    while True:
        try:
            await job()
        except Exception:
            log.exception("periodic job failed")
        await asyncio.sleep(seconds)
