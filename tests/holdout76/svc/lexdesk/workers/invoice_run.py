"""Monthly invoice generation for every client with approved unbilled time."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import date, timedelta

from lexdesk.container import Container
from lexdesk.errors import NothingToBill
from lexdesk.repositories.matters import MatterRepository

log = logging.getLogger(__name__)


class InvoiceRun:
    name = "invoice-run"

    def __init__(self, container: Container) -> None:
        self._settings = container.settings
        self._sessions = container.sessions
        self._redis = container.redis
        self._invoicing = container.invoicing
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run_once(self, period_end: date) -> int:
        lock = self._redis.lock("lexdesk:invoice-run", timeout=60, blocking_timeout=0)
        if not await lock.acquire():
            log.info("invoice run for %s already in progress elsewhere", period_end)
            return 0
        generated = skipped = 0
        try:
            async with self._sessions() as session:
                pairs = await MatterRepository(session).clients_with_unbilled(period_end)
            log.info("invoice run for %s: %d clients", period_end, len(pairs))
            for firm_id, client_id in pairs:
                if self._stop.is_set():
                    break
                try:
                    invoice = await self._invoicing.generate_for_client(firm_id, client_id, period_end)
                except NothingToBill:
                    skipped += 1
                    continue
                await self._invoicing.archive_pdf(invoice.id)
                generated += 1
        finally:
            await lock.release()
        log.info("invoice run for %s finished: %d generated, %d skipped", period_end, generated, skipped)
        return generated

    async def run(self) -> None:
        while not self._stop.is_set():
            today = date.today()
            if today.day == self._settings.invoice_run_day:
                period_end = today - timedelta(days=1)
                done_key = f"invoice-run:done:{period_end:%Y-%m}"
                if not await self._redis.exists(done_key):
                    await self.run_once(period_end)
                    await self._redis.set(done_key, "1", ex=40 * 86400)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=3600)
