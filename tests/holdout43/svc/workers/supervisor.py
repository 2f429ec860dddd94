"""Runs long-lived background loops and restarts them with backoff when they crash."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

from svc.observability import WORKER_TICKS

log = logging.getLogger(__name__)

WorkerFactory = Callable[[], Awaitable[None]]


class Supervisor:
    def __init__(self, max_backoff: float = 60.0) -> None:
        self._factories: dict[str, WorkerFactory] = {}
        self._tasks: dict[str, asyncio.Task] = {}
        self._max_backoff = max_backoff
        self._stopping = asyncio.Event()

    def add(self, name: str, factory: WorkerFactory) -> None:
        self._factories[name] = factory

    def names(self) -> list[str]:
        return [name for name, task in self._tasks.items() if not task.done()]

    async def _guard(self, name: str, factory: WorkerFactory) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                await factory()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                WORKER_TICKS.labels(name, "crash").inc()
                delay = min(self._max_backoff, 2 ** failures) * random.uniform(0.5, 1.0)
                log.exception("worker %s crashed (%d in a row); restarting in %.1fs", name, failures, delay)
                await asyncio.sleep(delay)

    def start(self) -> None:
        for name, factory in self._factories.items():
            self._tasks[name] = asyncio.create_task(self._guard(name, factory), name=f"worker:{name}")

    async def stop(self) -> None:
        self._stopping.set()
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
