"""Supervision for long-running background loops."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)


async def supervise(
    name: str,
    factory: Callable[[], Awaitable[None]],
    base_delay: float = 1.0,
    max_delay: float = 60.0,
) -> None:
    """Run factory() forever, restarting it with capped exponential backoff when it fails."""
    delay = base_delay
    while True:
        started = asyncio.get_running_loop().time()
        try:
            await factory()
            logger.warning("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            if asyncio.get_running_loop().time() - started > max_delay:
                delay = base_delay
            logger.exception("worker %s crashed; restarting in %.1fs", name, delay)
        await asyncio.sleep(delay + random.uniform(0, delay / 2))
        delay = min(delay * 2, max_delay)


async def every(interval: float, job: Callable[[], Awaitable[object]]) -> None:
    """Call job() every `interval` seconds; errors propagate to the supervisor."""
    while True:
        await job()
        await asyncio.sleep(interval)


class BackgroundTasks:
    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task] = {}

    def start(self, name: str, factory: Callable[[], Awaitable[None]], supervised: bool = True) -> None:
        coro = supervise(name, factory) if supervised else factory()
        self._tasks[name] = asyncio.create_task(coro, name=name)

    def status(self) -> dict[str, str]:
        out = {}
        for name, task in self._tasks.items():
            if not task.done():
                out[name] = "running"
            elif task.cancelled():
                out[name] = "cancelled"
            else:
                out[name] = f"stopped: {task.exception()!r}"
        return out

    async def stop(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
