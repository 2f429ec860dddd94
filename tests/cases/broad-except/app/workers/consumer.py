"""Queue consumer started as a background task."""
from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger(__name__)


class Consumer:
    def __init__(self, queue: asyncio.Queue, handle) -> None:
        self.queue = queue
        self.handle = handle
        self.failures = 0

    async def run(self) -> None:
        while True:
            item = await self.queue.get()
            try:
                await self.handle(item)
            except Exception:
                logger.exception("handling %r failed", item)
            finally:
                self.queue.task_done()

    async def consume_one(self) -> None:
        try:
            item = await self.queue.get()
            await self.handle(item)
        except BaseException:  # expect: broad-except
            self.failures += 1

    async def flush(self) -> None:
        try:
            await self.handle(None)
        except Exception:
            pass
