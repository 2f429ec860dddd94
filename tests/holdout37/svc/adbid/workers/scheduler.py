"""Runs the background workers as supervised asyncio tasks."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

WorkerFn = Callable[[], Awaitable[None]]


class Scheduler:
    def __init__(self) -> None:
        self._workers: dict[str, WorkerFn] = {}
        self._tasks: set[asyncio.Task] = set()
        self._stopping = asyncio.Event()

    def add(self, name: str, fn: WorkerFn) -> None:
        self._workers[name] = fn

    def start(self) -> None:
        for name, fn in self._workers.items():
            task = asyncio.create_task(self._supervise(name, fn), name=f"worker:{name}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _supervise(self, name: str, fn: WorkerFn) -> None:
        delay = 1.0
        while not self._stopping.is_set():
            try:
                await fn()
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("worker %s crashed; restarting in %.1fs", name, delay)
                await asyncio.sleep(delay + random.random())
                delay = min(delay * 2, 60.0)

    async def stop(self) -> None:
        self._stopping.set()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def running(self) -> list[str]:
        return sorted(t.get_name() for t in self._tasks if not t.done())
