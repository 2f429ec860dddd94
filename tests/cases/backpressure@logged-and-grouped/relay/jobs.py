"""Jobs handed to the network thread's loop from the UI thread."""
from __future__ import annotations

import asyncio
import functools
import logging

logger = logging.getLogger(__name__)


def log_failures(func):
    """Logs and re-raises whatever escapes the coroutine."""
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        try:
            return await func(*args, **kwargs)
        except asyncio.CancelledError:
            raise
        except BaseException:
            logger.exception("job %s failed", func.__name__)
            raise
    return wrapper


class JobGroup(asyncio.TaskGroup):
    """The network thread's group: it keeps every job it spawns."""

    async def spawn(self, coro):
        return self.create_task(coro)


class Relay:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.group = JobGroup()

    @log_failures
    async def sync_headers(self) -> None:
        await asyncio.sleep(1)

    async def fetch_rates(self) -> None:
        await asyncio.sleep(1)

    def start(self) -> None:
        asyncio.run_coroutine_threadsafe(self.group.spawn(self.fetch_rates()), self.loop)
        asyncio.run_coroutine_threadsafe(self.sync_headers(), self.loop)  # expect: backpressure

    def refresh(self) -> None:
        asyncio.run_coroutine_threadsafe(self.fetch_rates(), self.loop)  # expect: backpressure
