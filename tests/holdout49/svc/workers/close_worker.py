"""Closes auctions whose end time has passed and hands them to settlement."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.notify import Notifier
from svc.config import get_settings
from svc.repos.lots import LotRepo
from svc.repos.users import UserRepo
from svc.services.settlement import SettlementService
from svc.ws.hub import BidHub

log = logging.getLogger(__name__)


class CloseWorker:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], settlement: SettlementService,
                 hub: BidHub, notifier: Notifier) -> None:
        self.sessions = sessions
        self.settlement = settlement
        self.hub = hub
        self.notifier = notifier
        self.batch = get_settings().close_batch_size
        self._settle_sem = asyncio.Semaphore(10)

    async def _settle(self, lot_id: int) -> None:
        async with self._settle_sem:
            result = await self.settlement.settle(lot_id)
        await self.hub.publish(lot_id, {"type": "closed", "lot": lot_id, "outcome": result.outcome})
        log.info("lot %s closed: %s", lot_id, result.outcome)

    async def tick(self) -> int:
        now = datetime.now(timezone.utc)
        async with self.sessions() as session:
            lots = await LotRepo(session).expiring(now, self.batch)
            users = UserRepo(session)
            for lot in lots:
                account = await users.seller_account(lot.seller_id)
                if account is not None:
                    await self.notifier._send(account.user_id, "lot_closing", {"lot": lot.id})
        await asyncio.gather(*(self._settle(lot.id) for lot in lots))
        return len(lots)

    async def run(self) -> None:
        while True:
            closed = await self.tick()
            await asyncio.sleep(0.5 if closed == self.batch else 2.0)
