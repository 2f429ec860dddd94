"""Marks rentals overdue and reminds customers, once per scan interval across all replicas."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from ..cache import LeaderLock
from ..db import SessionFactory
from ..repositories import CustomerRepository, ReservationRepository
from ..services.surcharges import late_return_fee
from .runner import WorkerContext, sleep_or_stop

logger = logging.getLogger(__name__)


class OverdueWorker:
    name = "overdue"

    def __init__(self, ctx: WorkerContext) -> None:
        self._ctx = ctx

    async def run(self, stopping: asyncio.Event) -> None:
        interval = self._ctx.settings.overdue_scan_seconds
        leader = LeaderLock(self._ctx.redis, "overdue-scan", ttl_ms=int(interval * 1000 * 0.9))
        while not stopping.is_set():
            if await leader.try_acquire():
                try:
                    await self.scan()
                finally:
                    await leader.release()
            await sleep_or_stop(stopping, interval)

    async def scan(self) -> None:
        settings = self._ctx.settings
        now = datetime.now(timezone.utc)
        async with SessionFactory() as session:
            reservations = ReservationRepository(session)
            customers = CustomerRepository(session)
            overdue = await reservations.list_overdue(now, limit=500)
            for reservation in overdue:
                fee = late_return_fee(
                    reservation.ends_at,
                    now,
                    grace_minutes=settings.late_grace_minutes,
                    per_hour_cents=settings.late_fee_per_hour_cents,
                )
                if fee == 0:
                    continue
                reservation.status = "overdue"
                customer = await customers.get(reservation.customer_id)
                if customer is not None:
                    await self._ctx.notifier.overdue_reminder(customer, reservation, fee)
            await session.commit()
        logger.info("overdue scan done: %d candidates", len(overdue))
