"""Closes lots whose end time has passed and hands them to settlement."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from typing import Any

from svc.clients.webhooks import post_event
from svc.config import Settings
from svc.db.session import SessionFactory
from svc.repositories.bids import BidRepository
from svc.repositories.lots import LotRepository
from svc.services.settlement import SettlementService

log = logging.getLogger(__name__)


class AuctionCloser:
    def __init__(
        self,
        settings: Settings,
        lots: LotRepository,
        bids: BidRepository,
        settlement: SettlementService,
    ) -> None:
        self._settings = settings
        self._lots = lots
        self._bids = bids
        self._settlement = settlement
        self._limit = asyncio.Semaphore(settings.close_concurrency)

    async def run(self) -> None:
        while True:
            closed = await self.close_due()
            if closed == 0:
                await asyncio.sleep(1.0)

    async def close_due(self) -> int:
        now = datetime.now(timezone.utc)
        due = await self._lots.due_for_close(now, self._settings.close_batch_size)

        async def guarded(lot: Any) -> bool:
            async with self._limit:
                return await self._close_one(lot, now)

        results = await asyncio.gather(*(guarded(lot) for lot in due), return_exceptions=True)
        for lot, result in zip(due, results):
            if isinstance(result, Exception):
                log.error("closing lot %s failed", lot["id"], exc_info=result)
        return sum(1 for r in results if r is True)

    async def _close_one(self, lot: Any, now: datetime) -> bool:
        if not await self._lots.mark_closed(lot["id"], now):
            return False
        fresh = await self._lots.get(lot["id"], for_update=True)
        async with SessionFactory() as session:
            await self._settlement.settle(session, fresh)
        await self._notify_bidders(fresh)
        return True

    async def _notify_bidders(self, lot: Any) -> None:
        bidders = await self._bids.distinct_bidders(lot["id"])
        payload = {"lot_id": lot["id"], "winner_id": lot["leading_bidder_id"]}
        await asyncio.gather(*(self._notify(b, payload) for b in bidders))

    async def _notify(self, bidder_id: int, payload: dict[str, Any]) -> None:
        await asyncio.to_thread(
            post_event, self._settings.notifications_url, "lot.closed", {"to": bidder_id, **payload}
        )
