from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class PeriodicJob:
    def __init__(self, name: str, interval: float, fn: Callable[[], Awaitable[None]]) -> None:
        self.name = name
        self.interval = interval
        self.fn = fn
        self.failures = 0

    async def run_forever(self, stop: asyncio.Event) -> None:
        await asyncio.sleep(random.uniform(0, min(self.interval, 10.0)))
        while not stop.is_set():
            try:
                await self.fn()
                self.failures = 0
            except asyncio.CancelledError:
                raise
            except Exception:
                self.failures += 1
                log.exception("job %s failed (%d consecutive)", self.name, self.failures)
            delay = self.interval if self.failures == 0 else min(self.interval * 2 ** self.failures, 3600)
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except asyncio.TimeoutError:
                pass
