"""Background work started by the upload routes."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Coroutine

logger = logging.getLogger(__name__)

# strong references, so running tasks are not garbage-collected
_running: set[asyncio.Task] = set()
_recent_uploads: dict[str, float] = {}  # expect: global-mutable-state, horizontal-scaling-blocker


def running_count() -> int:
    return len(_running)


def start_background(work: Coroutine[Any, Any, None], label: str) -> asyncio.Task:
    async def guarded() -> None:
        try:
            await work
        except Exception:
            logger.exception("%s failed", label)

    task = asyncio.create_task(guarded(), name=label)
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task


def remember_upload(user_id: str, at: float) -> None:
    _recent_uploads[user_id] = at


def last_upload(user_id: str) -> float | None:
    return _recent_uploads.get(user_id)


async def drain() -> None:
    for task in list(_running):
        task.cancel()
    _running.clear()
