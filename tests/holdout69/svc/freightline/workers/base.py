"""Periodic background worker scaffolding."""
from __future__ import annotations

import asyncio
import logging

from freightline.metrics import WORKER_RUNS

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 600.0


class PeriodicWorker:
    name = "worker"
    interval = 60.0

    async def run_once(self) -> int:
        raise NotImplementedError

    async def run(self, stop: asyncio.Event) -> None:
        delay = self.interval
        while not stop.is_set():
            try:
                processed = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("worker %s iteration failed", self.name)
                WORKER_RUNS.labels(self.name, "error").inc()
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)
            else:
                WORKER_RUNS.labels(self.name, "ok").inc()
                if processed:
                    logger.info("worker %s processed %d items", self.name, processed)
                delay = self.interval
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
