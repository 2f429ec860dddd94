"""Books pending shipments with the carrier."""
from __future__ import annotations

import asyncio
import logging

from .clients import CarrierClient, CarrierError

log = logging.getLogger(__name__)


class BookingWorker:
    def __init__(self, repo, carrier: CarrierClient) -> None:
        self._repo = repo
        self._carrier = carrier

    async def book_pending(self) -> None:
        for row in await self._repo.pending(limit=50):
            try:
                ref = await self._carrier.book(row.id, row.weight_g)  # expect: no-retry
            except CarrierError as exc:
                log.warning("booking %s failed: %s", row.id, exc)
                await self._repo.set_status(row.id, "failed")
                continue
            await self._repo.set_status(row.id, "booked", ref=ref)

    async def run(self) -> None:
        while True:
            await self.book_pending()
            await asyncio.sleep(30)
