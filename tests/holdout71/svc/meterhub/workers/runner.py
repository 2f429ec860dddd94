from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from ..observability import WORKER_RESTARTS

log = logging.getLogger(__name__)

HEALTHY_AFTER_S = 300.0


async def supervise(
    name: str,
    target: Callable[[], Awaitable[None]],
    stop: asyncio.Event,
    *,
    min_backoff: float = 1.0,
    max_backoff: float = 60.0,
) -> None:
    """Keep ``target`` running until ``stop`` is set, restarting it with backoff."""
    backoff = min_backoff
    while not stop.is_set():
        started = time.monotonic()
        try:
            await target()
            log.warning("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed", name)
        WORKER_RESTARTS.labels(name).inc()
        if time.monotonic() - started > HEALTHY_AFTER_S:
            backoff = min_backoff
        try:
            await asyncio.wait_for(stop.wait(), timeout=backoff)
        except asyncio.TimeoutError:
            pass
        backoff = min(backoff * 2, max_backoff)


class WorkerSet:
    def __init__(self) -> None:
        self._stop = asyncio.Event()
        self._tasks: dict[str, asyncio.Task] = {}

    def start(self, name: str, target: Callable[[], Awaitable[None]]) -> None:
        if name in self._tasks:
            raise ValueError(f"worker {name} already started")
        self._tasks[name] = asyncio.create_task(supervise(name, target, self._stop), name=f"worker:{name}")

    def status(self) -> dict[str, str]:
        return {n: ("done" if t.done() else "running") for n, t in self._tasks.items()}

    async def shutdown(self, grace: float = 10.0) -> None:
        self._stop.set()
        if not self._tasks:
            return
        _, pending = await asyncio.wait(self._tasks.values(), timeout=grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
