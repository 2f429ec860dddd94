"""Background task supervision and periodic scheduling."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    """Keep a long-running worker alive."""
    while True:
        try:
            await factory()
            log.warning("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting", name)


async def every(name: str, seconds: float, job: Callable[[], Awaitable[object]]) -> None:
    """Run ``job`` every ``seconds``; a failing run is logged and retried at the next tick."""
    while True:
        started = asyncio.get_running_loop().time()
        try:
            await asyncio.wait_for(job(), timeout=seconds * 5)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("periodic job %s failed", name)
        elapsed = asyncio.get_running_loop().time() - started
        await asyncio.sleep(max(1.0, seconds - elapsed))


class TaskGroupHandle:
    """Owns background tasks started during lifespan so they are cancelled on shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def start(self, coro: Awaitable[None], name: str) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def shutdown(self, timeout: float = 10.0) -> None:
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=timeout)
