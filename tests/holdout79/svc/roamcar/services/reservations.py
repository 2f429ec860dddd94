"""Reservation lifecycle: book, pick up, extend, cancel, return."""
from __future__ import annotations

import logging
import secrets
import string
import uuid
from datetime import datetime, timedelta, timezone

import redis.asyncio as aioredis

from ..cache import vehicle_lock
from ..models import Customer, Reservation
from ..repositories import BranchRepository, ReservationRepository, VehicleRepository
from ..settings import Settings
from .availability import AvailabilityService
from .deposits import DepositService
from .errors import (
    CannotCancel,
    InvalidExtension,
    LicenceNotVerified,
    NoAvailability,
    ReservationNotFound,
    UnknownBranch,
)
from .hubs import TripHub
from .notifications import Notifier
from .quotes import QuoteService
from .surcharges import SurchargeCalculator, late_return_fee

logger = logging.getLogger(__name__)

_CODE_ALPHABET = string.ascii_uppercase + string.digits


def new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ReservationService:
    def __init__(
        self,
        *,
        reservations: ReservationRepository,
        vehicles: VehicleRepository,
        branches: BranchRepository,
        availability: AvailabilityService,
        quotes: QuoteService,
        deposits: DepositService,
        surcharges: SurchargeCalculator,
        notifier: Notifier,
        trip_hub: TripHub,
        redis: aioredis.Redis,
        settings: Settings,
    ) -> None:
        self._reservations = reservations
        self._vehicles = vehicles
        self._branches = branches
        self._availability = availability
        self._quotes = quotes
        self._deposits = deposits
        self._surcharges = surcharges
        self._notifier = notifier
        self._trip_hub = trip_hub
        self._redis = redis
        self._settings = settings

    async def _require(self, reservation_id: uuid.UUID) -> Reservation:
        reservation = await self._reservations.get(reservation_id)
        if reservation is None:
            raise ReservationNotFound(str(reservation_id))
        return reservation

    async def create(self, customer: Customer, quote_id: str, card_token: str) -> Reservation:
        if customer.kyc_status != "verified":
            raise LicenceNotVerified("driving licence must be verified before booking")
        quote = await self._quotes.load(quote_id)
        starts_at = datetime.fromisoformat(quote["starts_at"])
        ends_at = datetime.fromisoformat(quote["ends_at"])
        reservation = Reservation(
            code=new_code(),
            customer_id=customer.id,
            vehicle_class=quote["vehicle_class"],
            pickup_branch_id=quote["pickup_branch_id"],
            return_branch_id=quote["return_branch_id"],
            starts_at=starts_at,
            ends_at=ends_at,
            quoted_total_cents=quote["total_cents"],
            deposit_cents=quote["deposit_cents"],
            status="pending",
        )
        await self._reservations.add(reservation)
        if quote.get("vehicle_id"):
            # Car-sharing quotes pin a specific car; rentals get one assigned at the counter.
            await self._availability.hold_slot(reservation, uuid.UUID(quote["vehicle_id"]), starts_at, ends_at)
        await self._deposits.place_hold(reservation, card_token)
        reservation.status = "confirmed"
        await self._reservations.commit()
        self._notifier.fire_and_forget(self._notifier.reservation_confirmed(customer, reservation))
        return reservation

    async def assign_at_pickup(self, reservation_id: uuid.UUID) -> Reservation:
        reservation = await self._require(reservation_id)
        if reservation.vehicle_id is None:
            vehicle = await self._availability.first_free(
                reservation.pickup_branch_id, reservation.vehicle_class, reservation.starts_at, reservation.ends_at
            )
            if vehicle is None:
                raise NoAvailability(f"no {reservation.vehicle_class} ready at {reservation.pickup_branch_id}")
            reservation.vehicle_id = vehicle.id
        else:
            vehicle = await self._vehicles.get(reservation.vehicle_id)
        reservation.status = "active"
        reservation.picked_up_at = utcnow()
        reservation.fuel_out_pct = vehicle.fuel_pct if vehicle else None
        await self._reservations.commit()
        return reservation

    async def extend(self, reservation_id: uuid.UUID, new_end: datetime) -> Reservation:
        reservation = await self._require(reservation_id)
        if new_end <= reservation.ends_at or reservation.vehicle_id is None:
            raise InvalidExtension("new end must be after the current end of an assigned rental")
        async with vehicle_lock(self._redis, str(reservation.vehicle_id)):
            await self._availability.hold_slot(reservation, reservation.vehicle_id, reservation.starts_at, new_end)
        await self._trip_hub.send_to(str(reservation.id), {"type": "extended", "ends_at": new_end.isoformat()})
        return reservation

    async def cancel(self, reservation_id: uuid.UUID, customer: Customer) -> Reservation:
        reservation = await self._require(reservation_id)
        if reservation.customer_id != customer.id:
            raise ReservationNotFound(str(reservation_id))
        if reservation.status not in ("pending", "confirmed"):
            raise CannotCancel(f"reservation is {reservation.status}")
        reservation.status = "cancelled"
        await self._deposits.release(reservation)
        await self._reservations.commit()
        self._notifier.reservation_cancelled(customer, reservation)
        return reservation

    async def close_rental(
        self, reservation_id: uuid.UUID, *, returned_at: datetime, fuel_in_pct: float, return_branch_id: str
    ) -> Reservation:
        reservation = await self._require(reservation_id)
        vehicle = await self._vehicles.get(reservation.vehicle_id)
        branch = await self._branches.get(return_branch_id)
        if branch is None:
            raise UnknownBranch(return_branch_id)
        late = late_return_fee(
            reservation.ends_at,
            returned_at,
            grace_minutes=self._settings.late_grace_minutes,
            per_hour_cents=self._settings.late_fee_per_hour_cents,
        )
        fuel = await self._surcharges.fuel_surcharge(vehicle, reservation.fuel_out_pct or 100.0, fuel_in_pct, branch.region)
        reservation.surcharge_cents += late + fuel
        reservation.returned_at = returned_at
        reservation.fuel_in_pct = fuel_in_pct
        reservation.status = "returned"
        reservation.deposit_release_at = returned_at + timedelta(hours=self._settings.deposit_hold_hours)
        vehicle.branch_id = return_branch_id
        vehicle.status = "available"
        vehicle.fuel_pct = fuel_in_pct
        await self._reservations.commit()
        logger.info("rental %s closed: late=%d fuel=%d", reservation.code, late, fuel)
        return reservation
