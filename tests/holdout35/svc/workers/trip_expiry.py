"""Cancels trip requests that nobody accepted and tells the rider."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from svc.db.engine import session_factory
from svc.db.models import Rider, TripStatus
from svc.repositories.trip_repo import TripRepository
from svc.services.notification_service import NotificationService
from sqlalchemy import select

logger = logging.getLogger(__name__)

EXPIRE_AFTER = timedelta(minutes=4)
SWEEP_INTERVAL_S = 20


class TripExpiryWorker:
    def __init__(self, notifications: NotificationService) -> None:
        self.notifications = notifications

    async def sweep(self) -> int:
        async with session_factory()() as session:
            repo = TripRepository(session)
            stale = await repo.stale_requests(EXPIRE_AFTER)
            if not stale:
                return 0
            for trip in stale:
                trip.status = TripStatus.CANCELLED
            rider_ids = {t.rider_id for t in stale}
            riders = (await session.scalars(select(Rider).where(Rider.id.in_(rider_ids)))).all()
            await session.commit()
        phones = {r.id: r.phone for r in riders}
        for trip in stale:
            phone = phones.get(trip.rider_id)
            if phone:
                await self.notifications.sms_rider(phone, "Sorry, no drivers were available.")
        return len(stale)

    async def run_forever(self) -> None:
        while True:
            expired = await self.sweep()
            if expired:
                logger.info("expired %d unaccepted trips", expired)
            await asyncio.sleep(SWEEP_INTERVAL_S)
