"""Supervises long-running background loops inside the API process."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass
class WorkerSpec:
    name: str
    run_once: Callable[[], Awaitable[None]]
    interval: float


class Supervisor:
    def __init__(self, specs: list[WorkerSpec], max_backoff: float = 300.0) -> None:
        self._specs = specs
        self._max_backoff = max_backoff
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()

    async def _loop(self, spec: WorkerSpec) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                await spec.run_once()
                failures = 0
                delay = spec.interval
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                delay = min(self._max_backoff, spec.interval * 2**failures) * (0.8 + random.random() * 0.4)
                logger.exception("worker %s failed (%d in a row); next try in %.0fs", spec.name, failures, delay)
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass

    def start(self) -> None:
        for spec in self._specs:
            self._tasks.append(asyncio.create_task(self._loop(spec), name=f"worker:{spec.name}"))

    async def stop(self) -> None:
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
