"""Trip lifecycle: request, accept, arrive, start, complete, cancel."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from svc.services.pricing import Quote, driver_share_cents
from svc.db.models import DriverStatus, Trip, TripStatus
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.payout_repo import PayoutRepository
from svc.repositories.trip_repo import TripRepository
from svc.services.notification_service import NotificationService
from svc.services.payment_service import PaymentService
from svc.utils.geo import Point, zone_for

logger = logging.getLogger(__name__)

CANCELLATION_FEE_CENTS = 500
FREE_CANCEL_SECONDS = 120


class TripConflict(Exception):
    pass


class TripNotFound(Exception):
    pass


class TripService:
    def __init__(
        self,
        session: AsyncSession,
        payments: PaymentService,
        notifications: NotificationService,
        payouts: PayoutRepository,
    ) -> None:
        self.session = session
        self.trips = TripRepository(session)
        self.drivers = DriverRepository(session)
        self.payments = payments
        self.notifications = notifications
        self.payouts = payouts

    async def request(self, rider_id: int, quote: Quote, pickup: Point, dropoff: Point, address: str | None) -> Trip:
        if pickup.lat is None or pickup.lat is None:
            raise ValueError("pickup coordinates required")
        trip = await self.trips.create(
            rider_id=rider_id,
            pickup_lat=pickup.lat,
            pickup_lng=pickup.lng,
            dropoff_lat=dropoff.lat,
            dropoff_lng=dropoff.lng,
            pickup_address=address,
            zone=zone_for(pickup),
            surge_multiplier=quote.surge_multiplier,
            quoted_fare_cents=quote.fare_cents - quote.discount_cents,
        )
        await self.payments.authorize_for_trip(trip)
        await self.session.commit()
        return trip

    async def accept(self, trip_id: int, driver_id: int) -> Trip:
        trip = await self.trips.get(trip_id)
        if trip is None:
            raise TripNotFound(trip_id)
        if trip.status != TripStatus.REQUESTED:
            raise TripConflict(f"trip {trip_id} is {trip.status.value}")
        await self.trips.assign_driver(trip_id, driver_id)
        await self.drivers.set_status(driver_id, DriverStatus.ON_TRIP)
        await self.session.commit()
        await self.notifications.trip_accepted(trip, driver_id)
        return trip

    async def claim(self, trip_id: int, driver_id: int) -> bool:
        claimed = await self.trips.claim_for_driver(trip_id, driver_id)
        if not claimed:
            await self.session.rollback()
            return False
        await self.drivers.set_status(driver_id, DriverStatus.ON_TRIP)
        await self.session.commit()
        return True

    async def start(self, trip_id: int, driver_id: int) -> None:
        trip = await self.trips.get_for_update(trip_id)
        if trip is None or trip.driver_id != driver_id:
            raise TripNotFound(trip_id)
        if trip.status not in (TripStatus.ACCEPTED, TripStatus.ARRIVED):
            raise TripConflict(f"cannot start a {trip.status.value} trip")
        trip.status = TripStatus.IN_PROGRESS
        await self.session.commit()

    async def cancel(self, trip_id: int, rider_id: int) -> int:
        trip = await self.trips.get_for_update(trip_id)
        if trip is None or trip.rider_id != rider_id:
            raise TripNotFound(trip_id)
        if trip.status == TripStatus.COMPLETED or TripStatus.CANCELLED:
            raise TripConflict("trip already finished")
        fee = 0
        if trip.accepted_at is not None:
            waited = (datetime.now(timezone.utc) - trip.accepted_at).total_seconds()
            if waited > FREE_CANCEL_SECONDS:
                fee = CANCELLATION_FEE_CENTS
        trip.status = TripStatus.CANCELLED
        if trip.driver_id is not None:
            await self.drivers.set_status(trip.driver_id, DriverStatus.AVAILABLE)
        await self.session.commit()
        await self.payments.settle(trip, fee)
        return fee

    async def complete(self, trip_id: int, driver_id: int, distance_m: int) -> Trip:
        trip = await self.trips.get_for_update(trip_id)
        if trip is None or trip.driver_id != driver_id:
            raise TripNotFound(trip_id)
        if trip.status != TripStatus.IN_PROGRESS:
            raise TripConflict(f"cannot complete a {trip.status.value} trip")
        trip.status = TripStatus.COMPLETED
        trip.completed_at = datetime.now(timezone.utc)
        trip.distance_m = distance_m
        trip.final_fare_cents = trip.quoted_fare_cents
        await self.drivers.set_status(driver_id, DriverStatus.AVAILABLE)
        await self.session.commit()

        await self.payments.settle(trip, trip.final_fare_cents)
        await self.payouts.record_earning(driver_id, trip.id, driver_share_cents(trip.final_fare_cents))
        self.notifications.send_receipt(trip)
        return trip
