"""Connector reservations made from the driver app (OCPP ReserveNow / CancelReservation)."""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.notifications import NotificationService
from svc.config import settings
from svc.db.models import Reservation
from svc.db.repositories.catalog import ChargePointRepository
from svc.db.repositories.drivers import DriverRepository, TokenRepository
from svc.db.repositories.reservations import ReservationRepository
from svc.db.repositories.sessions import SessionRepository
from svc.errors import ConflictError, NotFoundError
from svc.utils.timeutil import isoformat_z, utcnow
from svc.ws.routing import ConnectionRegistry

log = logging.getLogger(__name__)

RESERVATION_HOLD_CENTS = 200


class ReservationService:
    def __init__(
        self,
        db: AsyncSession,
        *,
        registry: ConnectionRegistry,
        notifier: NotificationService,
    ) -> None:
        self._reservations = ReservationRepository(db)
        self._chargepoints = ChargePointRepository(db)
        self._sessions = SessionRepository(db)
        self._drivers = DriverRepository(db)
        self._tokens = TokenRepository(db)
        self._registry = registry
        self._notifier = notifier

    async def reserve(self, *, driver_id: int, chargepoint_id: str, connector_no: int) -> Reservation:
        connector = await self._chargepoints.get_connector(chargepoint_id, connector_no)
        if connector is None:
            raise NotFoundError(f"connector {chargepoint_id}/{connector_no} not found")
        if await self._sessions.get_active_by_connector(connector.id) is not None:
            raise ConflictError("connector is in use")
        if await self._reservations.find_active(connector.id) is not None:
            raise ConflictError("connector is already reserved")
        tokens = await self._tokens.list_for_driver(driver_id)
        if not tokens:
            raise ConflictError("driver has no active charging card")
        await self._drivers.hold_prepaid(driver_id, RESERVATION_HOLD_CENTS)
        expires_at = utcnow() + timedelta(minutes=settings.reservation_ttl_minutes)
        reservation = await self._reservations.create(connector.id, driver_id, expires_at)

        conn = self._registry.get(chargepoint_id)
        if conn is None:
            raise ConflictError("charge point is offline")
        result = await conn.call(
            "ReserveNow",
            {
                "connectorId": connector_no,
                "expiryDate": isoformat_z(expires_at),
                "idTag": tokens[0].uid,
                "reservationId": reservation.id,
            },
            timeout=20.0,
        )
        if result.get("status") != "Accepted":
            await self._reservations.set_status(reservation.id, "rejected")
            raise ConflictError(f"charge point refused the reservation: {result.get('status')}")

        driver = await self._drivers.require(driver_id)
        if driver.phone:
            text = f"Connector {connector_no} at {chargepoint_id} is reserved for you until {expires_at:%H:%M} UTC."
            await self._notifier.send_sms(driver.phone, text, priority="high")
        return reservation
