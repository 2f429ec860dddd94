"""Expires reservations whose hold time has passed and tells the charge point to release the connector."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.notifications import NotificationService
from svc.db.repositories.drivers import DriverRepository
from svc.db.repositories.reservations import ReservationRepository
from svc.utils.timeutil import utcnow
from svc.ws.routing import OcppCommandBus

log = logging.getLogger(__name__)


class ReservationExpiryWorker:
    def __init__(
        self,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        bus: OcppCommandBus,
        notifier: NotificationService,
        interval: float = 30.0,
    ) -> None:
        self._session_factory = session_factory
        self._bus = bus
        self._notifier = notifier
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                expired = await self.expire_due()
                if expired:
                    log.info("expired %d reservations", expired)
            except Exception as exc:
                log.error("reservation expiry pass failed: %s", exc, exc_info=True)
            await asyncio.sleep(self._interval)

    async def expire_due(self) -> int:
        async with self._session_factory() as db, db.begin():
            reservations = ReservationRepository(db)
            drivers = DriverRepository(db)
            expired = await reservations.list_expired(utcnow(), limit=200)
            for res in expired:
                connector = await res.awaitable_attrs.connector
                try:
                    await self._bus.send(
                        connector.chargepoint_id, "CancelReservation", {"reservationId": res.id}, timeout=10.0
                    )
                except Exception:
                    continue
                await reservations.set_status(res.id, "expired")
                driver = await drivers.get(res.driver_id)
                if driver is not None:
                    await self._notifier.notify_driver(driver, "Reservation expired", f"Your reservation #{res.id} has expired.")
        return len(expired)
