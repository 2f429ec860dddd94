from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..container import Container

logger = logging.getLogger(__name__)


class PollingWorker:
    """Runs `tick()` every `interval` seconds until `stop` is set, backing off after failures."""

    name = "worker"
    interval = 30.0
    max_backoff = 300.0

    def __init__(self, container: Container) -> None:
        self.container = container

    async def tick(self) -> None:
        raise NotImplementedError

    def _delay(self, failures: int) -> float:
        if failures == 0:
            return self.interval
        return min(self.max_backoff, self.interval * 2**failures)

    async def run(self, stop: asyncio.Event) -> None:
        failures = 0
        logger.info("%s worker started", self.name)
        while not stop.is_set():
            try:
                await self.tick()
                failures = 0
            except Exception:
                failures += 1
                logger.exception("%s tick failed (%d in a row)", self.name, failures)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._delay(failures))
        logger.info("%s worker stopped", self.name)
