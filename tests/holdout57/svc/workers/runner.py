"""Supervises long-running background workers inside the process."""
from __future__ import annotations

import asyncio
import logging
from typing import Protocol

log = logging.getLogger(__name__)


class Worker(Protocol):
    name: str

    async def run(self) -> None: ...


class WorkerRunner:
    def __init__(self, workers: list[Worker], max_backoff: float = 60.0) -> None:
        self._workers = workers
        self._max_backoff = max_backoff
        self._tasks: set[asyncio.Task] = set()

    def start(self) -> None:
        for worker in self._workers:
            task = asyncio.create_task(self._supervise(worker), name=f"worker:{worker.name}")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _supervise(self, worker: Worker) -> None:
        backoff = 1.0
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            try:
                await worker.run()
                log.info("worker %s exited", worker.name)
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("worker %s crashed; restarting in %.0fs", worker.name, backoff)
            await asyncio.sleep(backoff)
            backoff = 1.0 if loop.time() - started > 300 else min(backoff * 2, self._max_backoff)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
