"""Drains the delay-report outbox to the airlines' delay API."""
from __future__ import annotations

import asyncio
import logging

from apron.services.delay_reporting import DelayReportingService

log = logging.getLogger(__name__)


class DelayOutboxWorker:
    def __init__(self, delays: DelayReportingService, interval_s: float = 20.0) -> None:
        self._delays = delays
        self._interval_s = interval_s

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            sent = await self._delays.flush_pending()
            if sent:
                log.info("delay outbox: %d reports processed", sent)
            try:
                await asyncio.wait_for(stop.wait(), timeout=self._interval_s)
            except asyncio.TimeoutError:
                pass
