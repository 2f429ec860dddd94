"""End-of-day billing run: invoices every airline for yesterday's completed services."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from apron.services.billing import BillingService
from apron.utils.timeutil import utcnow

log = logging.getLogger(__name__)

RUN_AT_HOUR_UTC = 2


class BillingEodWorker:
    def __init__(self, billing: BillingService) -> None:
        self._billing = billing
        self._last_run_day = None

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            now = utcnow()
            service_day = (now - timedelta(days=1)).date()
            if now.hour >= RUN_AT_HOUR_UTC and self._last_run_day != service_day:
                results = await self._billing.run_end_of_day(service_day)
                self._last_run_day = service_day
                log.info("billing for %s: %s", service_day, results)
            try:
                await asyncio.wait_for(stop.wait(), timeout=300)
            except asyncio.TimeoutError:
                pass
