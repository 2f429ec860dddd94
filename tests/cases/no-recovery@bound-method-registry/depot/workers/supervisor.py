"""Keeps each background job alive, restarting it with a growing pause when it ends."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from depot.workers.feeds import CarrierFeed, LedgerSync, Compactor, ScanFeed

log = logging.getLogger(__name__)


async def keep_alive(label: str, job: Callable[[], Awaitable[None]]) -> None:
    pause = 1.0
    while True:
        try:
            await job()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("job %s crashed", label)
        await asyncio.sleep(pause)
        pause = min(pause * 2, 120.0)


class Runner:
    def __init__(self, settings: dict) -> None:
        self._settings = settings
        self._tasks: list[asyncio.Task] = []

    def start(self) -> None:
        registry = {
            "carrier": CarrierFeed(self._settings["carrier_host"]).run,
            "ledger": LedgerSync(self._settings["ledger_url"]).run_forever,
        }
        for label, job in registry.items():
            self._tasks.append(asyncio.create_task(keep_alive(label, job)))
        for job in [ScanFeed(self._settings["scanner_host"]).listen, Compactor().loop]:
            self._tasks.append(asyncio.create_task(keep_alive("aux", job)))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
