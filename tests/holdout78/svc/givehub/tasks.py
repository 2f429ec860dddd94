from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .container import Container

logger = logging.getLogger(__name__)

CLOSE_INTERVAL_SECONDS = 60.0


class BackgroundTasks:
    """Owns short-lived background tasks so they are not garbage collected mid-flight
    and so shutdown can wait for them."""

    def __init__(self, limit: int = 1000) -> None:
        self._tasks: set[asyncio.Task] = set()
        self._limit = limit

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> asyncio.Task | None:
        if len(self._tasks) >= self._limit:
            logger.warning("background task limit reached, dropping %s", name or coro)
            coro.close()
            return None
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("background task %s failed", task.get_name(), exc_info=task.exception())

    async def drain(self, timeout: float = 10.0) -> None:
        if not self._tasks:
            return
        _, pending = await asyncio.wait(self._tasks, timeout=timeout)
        for task in pending:
            task.cancel()


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    """Run `factory()` forever, restarting it with capped exponential backoff if it crashes."""
    backoff = 1.0
    while True:
        try:
            await factory()
            backoff = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed; restarting in %.0fs", name, backoff)
            await asyncio.sleep(backoff)
            backoff = min(max_backoff, backoff * 2)


async def close_expired_campaigns(container: Container) -> None:
    """Closes campaigns past their end date. Runs in every API replica; the conditional UPDATE
    means each campaign is closed (and announced) by exactly one of them."""
    while True:
        async with container.pg.connection() as conn:
            rows = await conn.fetch(
                "UPDATE campaigns SET status = 'closed' WHERE status = 'live' AND ends_at <= now() "
                "RETURNING id, raised_cents, goal_cents"
            )
        for row in rows:
            logger.info("campaign %s closed at %s/%s", row["id"], row["raised_cents"], row["goal_cents"])
            if row["raised_cents"] >= row["goal_cents"]:
                await container.milestones.announce_goal_reached(row["id"])
            await container.cache.delete(f"campaign:summary:{row['id']}")
        await asyncio.sleep(CLOSE_INTERVAL_SECONDS)
