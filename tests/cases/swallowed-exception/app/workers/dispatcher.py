"""Delivers queued notifications; one failed delivery must not stop the loop."""
from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger(__name__)


async def dispatch_loop(queue: asyncio.Queue, send) -> None:
    while True:
        item = await queue.get()
        try:
            await send(item)
        except Exception:
            logger.exception("delivery of %s failed", item.get("id"))
            continue
        finally:
            queue.task_done()


async def drain(queue: asyncio.Queue) -> None:
    while True:
        try:
            queue.get_nowait()
        except asyncio.QueueEmpty:
            break
