"""Expires resting orders that have drifted away from the market and archives old ones."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from app.config import settings
from app.database import DataManager

logger = logging.getLogger(__name__)

ARCHIVE_AFTER_DAYS = 90


class OrderCleanupWorker:
    def __init__(
        self,
        dm: DataManager,
        interval: float | None = None,
        stale_minutes: int | None = None,
    ) -> None:
        self.dm = dm
        self.interval = interval or settings.order_cleanup_interval
        self.stale_after = timedelta(minutes=stale_minutes or settings.stale_order_minutes)
        self._last_archive: datetime | None = None

    async def run(self) -> None:
        logger.info("order cleanup worker started (every %.0fs)", self.interval)
        while True:
            try:
                expired = await self.expire_stale_orders()
                if expired:
                    logger.info("expired %d stale orders", expired)
                await self._maybe_archive()
            except Exception:
                logger.exception("order cleanup pass failed")
            await asyncio.sleep(self.interval)

    async def expire_stale_orders(self) -> int:
        cutoff = datetime.now(timezone.utc) - self.stale_after
        orders = await self.dm.find_stale_orders(cutoff)
        to_expire: list[int] = []
        for order in orders:
            instrument = await self.dm.get_instrument(order["instrument_id"])
            if instrument is None or instrument["last_price"] is None:
                to_expire.append(order["id"])
                continue
            limit_price = order["limit_price"]
            if limit_price is None:
                # market orders never rest on the book; anything left here is stuck
                to_expire.append(order["id"])
                continue
            distance = abs(instrument["last_price"] - limit_price) / instrument["last_price"]
            if distance > Decimal("0.15"):
                to_expire.append(order["id"])
        return await self.dm.expire_orders(to_expire)

    async def _maybe_archive(self) -> None:
        now = datetime.now(timezone.utc)
        if self._last_archive and now - self._last_archive < timedelta(hours=24):
            return
        archived = await self.dm.archive_old_orders(now - timedelta(days=ARCHIVE_AFTER_DAYS))
        if archived:
            # let the replicas catch up before the second large delete
            time.sleep(2)
        await self.dm.archive_old_alerts(now - timedelta(days=ARCHIVE_AFTER_DAYS * 2))
        self._last_archive = now
