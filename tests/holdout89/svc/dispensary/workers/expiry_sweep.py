"""Quarantines expired and recalled lots; warns branches about lots close to expiry."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from dispensary.container import Container
from dispensary.repositories.stock import StockRepository
from dispensary.utils.timeutil import local_today

logger = logging.getLogger(__name__)

WARNING_WINDOW_DAYS = 30
SWEEP_INTERVAL_SECONDS = 3600
RECALLED_LOTS_KEY = "recalls:lot_numbers"


class ExpirySweep:
    def __init__(self, container: Container) -> None:
        self._c = container

    async def run_once(self) -> None:
        today = local_today()
        cutoff = today + timedelta(days=WARNING_WINDOW_DAYS)
        recalled_lot_nos = set(await self._c.redis.smembers(RECALLED_LOTS_KEY))
        async with self._c.sessions() as session, session.begin():
            repo = StockRepository(session)
            candidates = await repo.expiring_before(cutoff)
            candidates += await repo.by_lot_numbers(sorted(recalled_lot_nos))
            to_quarantine: list[int] = []
            expiring_soon = []
            for lot in candidates:
                if lot.expiry_date <= today or lot.lot_no in recalled_lot_nos:
                    if lot.id not in to_quarantine:
                        to_quarantine.append(lot.id)
                if lot.expiry_date < today and lot.expiry_date > cutoff:
                    expiring_soon.append(lot)
            await repo.quarantine(to_quarantine)
        for lot in expiring_soon:
            await self._c.queue_feed.publish(
                lot.branch_id,
                {"type": "expiry_warning", "drug_code": lot.drug_code, "lot_no": lot.lot_no,
                 "expires": lot.expiry_date.isoformat()},
            )
        logger.info("expiry sweep: %d lots quarantined, %d expiring soon", len(to_quarantine), len(expiring_soon))


async def expiry_sweep_loop(container: Container) -> None:
    sweep = ExpirySweep(container)
    while True:
        try:
            await sweep.run_once()
        except Exception:
            logger.exception("expiry sweep failed")
        await asyncio.sleep(SWEEP_INTERVAL_SECONDS)
