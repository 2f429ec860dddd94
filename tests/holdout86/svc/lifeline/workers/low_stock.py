from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select

from lifeline.cache.locks import LockNotAcquired, redis_lock
from lifeline.db.models import Donor
from lifeline.services.container import Container
from lifeline.utils.bloodgroups import COMPONENT_KINDS
from lifeline.utils.clock import utcnow

log = logging.getLogger(__name__)

APPEAL_BATCH = 200
CHECK_SECONDS = 900


class LowStockWorker:
    def __init__(self, container: Container) -> None:
        self._c = container
        self._limit = asyncio.Semaphore(10)

    async def check(self) -> list[str]:
        async with self._c.sessions() as session:
            short = await self._c.stock.national_shortfalls(session, "red_cells")
            now = utcnow()
            for group in short:
                if not self._c.stock.should_alert(group, now):
                    continue
                abo, rh = group[:-1], group[-1]
                stmt = (
                    select(Donor)
                    .where(Donor.abo == abo, Donor.rh == rh, Donor.opted_out.is_(False))
                    .order_by(Donor.last_donation_at.asc().nulls_first())
                    .limit(APPEAL_BATCH)
                )
                donors = list((await session.execute(stmt)).scalars())
                sent = await self._c.notifications.urgent_appeal(donors, group)
                log.warning("low stock of %s: appeal sent to %d donors", group, sent)
        return short

    async def warm_dashboard(self) -> None:
        async def one(kind: str) -> None:
            async with self._limit:
                async with self._c.sessions() as session:
                    await self._c.stock.national_shortfalls(session, kind)

        await asyncio.gather(*(one(kind) for kind in COMPONENT_KINDS))

    async def run_forever(self) -> None:
        while True:
            try:
                async with redis_lock(self._c.redis, "low-stock-check", ttl_ms=CHECK_SECONDS * 1000):
                    await self.check()
            except LockNotAcquired:
                log.debug("another replica is running the low-stock check")
            await asyncio.sleep(CHECK_SECONDS)
