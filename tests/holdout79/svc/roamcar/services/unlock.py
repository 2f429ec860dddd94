"""Keyless access: unlock and lock commands sent through the telematics vendor."""
from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict, deque
from datetime import datetime, timedelta, timezone
from typing import Any

from ..clients.telematics import TelematicsClient
from ..models import Customer, Reservation
from ..repositories import ReservationRepository, VehicleRepository
from ..settings import FEATURE_FLAGS, Settings
from .errors import ReservationNotFound, TooManyAttempts, UnlockNotAllowed

logger = logging.getLogger(__name__)

EARLY_UNLOCK = timedelta(minutes=15)

_recent_attempts: dict[str, deque[float]] = defaultdict(deque)


class UnlockService:
    def __init__(
        self,
        telematics: TelematicsClient,
        reservations: ReservationRepository,
        vehicles: VehicleRepository,
        settings: Settings,
    ) -> None:
        self._telematics = telematics
        self._reservations = reservations
        self._vehicles = vehicles
        self._settings = settings

    def _check_rate(self, customer_id: str) -> None:
        now = time.monotonic()
        window = _recent_attempts[customer_id]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._settings.unlock_attempts_per_minute:
            raise TooManyAttempts("too many unlock attempts, wait a minute")
        window.append(now)

    async def _owned(self, reservation_id: uuid.UUID, customer: Customer) -> Reservation:
        reservation = await self._reservations.get(reservation_id)
        if reservation is None or reservation.customer_id != customer.id:
            raise ReservationNotFound(str(reservation_id))
        if reservation.vehicle_id is None:
            raise UnlockNotAllowed("no vehicle assigned yet")
        return reservation

    async def unlock(self, reservation_id: uuid.UUID, customer: Customer) -> dict[str, Any]:
        if not FEATURE_FLAGS["keyless_unlock"]:
            raise UnlockNotAllowed("keyless unlock is switched off")
        self._check_rate(str(customer.id))
        reservation = await self._owned(reservation_id, customer)
        now = datetime.now(timezone.utc)
        if not (reservation.starts_at - EARLY_UNLOCK <= now <= reservation.ends_at):
            raise UnlockNotAllowed("outside the rental window")
        if reservation.status not in ("confirmed", "active", "overdue"):
            raise UnlockNotAllowed(f"reservation is {reservation.status}")

        vehicle = await self._vehicles.get(reservation.vehicle_id)
        result = await self._telematics.unlock(vehicle.vin, reference=reservation.code)
        if reservation.status == "confirmed":
            reservation.status = "active"
            reservation.picked_up_at = now
            reservation.fuel_out_pct = vehicle.fuel_pct
            await self._reservations.commit()
        logger.info("unlocked %s for reservation %s", vehicle.plate, reservation.code)
        return {"command_id": result.get("command_id"), "status": result.get("status", "sent")}

    async def lock(self, reservation_id: uuid.UUID, customer: Customer) -> dict[str, Any]:
        reservation = await self._owned(reservation_id, customer)
        vehicle = await self._vehicles.get(reservation.vehicle_id)
        result = await self._telematics.lock(vehicle.vin, reference=reservation.code)
        return {"command_id": result.get("command_id"), "status": result.get("status", "sent")}
