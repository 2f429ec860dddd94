"""Ride lifecycle: request, match, cancel, trip start/end, payment capture."""
from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Coroutine
from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.ratelimit import allow_ride_request
from svc.clients import sms
from svc.clients.fraud import fraud
from svc.clients.payments import payment_provider
from svc.db.engine import SessionLocal
from svc.db.models import Payment, PaymentStatus, Ride, RideStatus
from svc.db.repositories import payments as payments_repo
from svc.db.repositories import rides as rides_repo
from svc.errors import ConflictError, DispatchError, RateLimitedError, RideStateError
from svc.services import eta, events, receipts
from svc.services.fares import FareService
from svc.services.geometry import cell_id
from svc.services.matcher import Matcher
from svc.services.surge import SurgeService

log = logging.getLogger(__name__)

MATCH_ATTEMPTS = 4
CANCELLATION_FEE_CENTS = 500


class RideRequestIn(BaseModel):
    city: str
    pickup_lat: float = Field(ge=-90, le=90)
    pickup_lng: float = Field(ge=-180, le=180)
    dropoff_lat: float = Field(ge=-90, le=90)
    dropoff_lng: float = Field(ge=-180, le=180)
    vehicle_class: str = "standard"
    promo_code: str | None = None
    payment_intent_id: str
    device_id: str | None = None


class RideService:
    def __init__(self, fares: FareService, matcher: Matcher, surge: SurgeService) -> None:
        self._fares = fares
        self._matcher = matcher
        self._surge = surge
        self._tasks: set[asyncio.Task[Any]] = set()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def request_ride(self, session: AsyncSession, rider_id: int, req: RideRequestIn) -> Ride:
        if not allow_ride_request(rider_id):
            raise RateLimitedError("too many ride requests")
        score = await fraud.score_ride_request(rider_id, req.pickup_lat, req.pickup_lng, req.device_id)
        if score > 0.92:
            raise DispatchError("ride request rejected")
        if await rides_repo.active_for_rider(session, rider_id) is not None:
            raise ConflictError("rider already has an active ride")
        pickup, dropoff = (req.pickup_lat, req.pickup_lng), (req.dropoff_lat, req.dropoff_lng)
        quote = await self._fares.quote(req.city, req.vehicle_class, pickup, dropoff)
        if req.promo_code:
            quote = await self._fares.apply_promo(session, quote, req.promo_code)
        ride = Ride(
            rider_id=rider_id,
            city=req.city,
            pickup_lat=req.pickup_lat,
            pickup_lng=req.pickup_lng,
            dropoff_lat=req.dropoff_lat,
            dropoff_lng=req.dropoff_lng,
            promo_code=quote.promo_code,
            surge_multiplier=quote.surge,
            fare_cents=quote.fare_cents,
        )
        session.add(ride)
        await session.flush()
        session.add(Payment(ride_id=ride.id, idempotency_key=uuid.uuid4().hex, amount_cents=quote.fare_cents, provider_ref=req.payment_intent_id))
        await session.commit()
        await self._surge.record_demand(req.city, cell_id(*pickup))
        self._spawn(self._match(ride.id, req.vehicle_class))
        return ride

    async def _match(self, ride_id: int, vehicle_class: str) -> None:
        async with SessionLocal() as session:
            for attempt in range(MATCH_ATTEMPTS):
                ride = await rides_repo.get(session, ride_id)
                if ride.status is not RideStatus.REQUESTED:
                    return
                offer = await self._matcher.offer_next(session, ride, vehicle_class)
                if offer is None:
                    log.info("no driver for ride %s (attempt %d)", ride_id, attempt + 1)
                await asyncio.sleep(5 + attempt * 5)
                await session.refresh(ride)
            await events.publish_ride_event(ride_id, "no_drivers")

    async def cancel(self, session: AsyncSession, rider_id: int, ride_id: int) -> Ride:
        ride = await rides_repo.get(session, ride_id)
        if ride.rider_id != rider_id:
            raise RideStateError("not your ride")
        if ride.status not in rides_repo.ACTIVE_STATES:
            raise RideStateError(f"ride is already {ride.status.value}")
        fee = 0
        if ride.status is RideStatus.ARRIVING:
            eta_s = await eta.trip_duration((ride.pickup_lat, ride.pickup_lng), (ride.dropoff_lat, ride.dropoff_lng))
            fee = CANCELLATION_FEE_CENTS if eta_s > 0 else 0
        ride.status = RideStatus.CANCELLED
        ride.fare_cents = fee
        await session.commit()
        events.publish_ride_event(ride.id, "cancelled", fee_cents=fee)
        return ride

    async def driver_arriving(self, session: AsyncSession, ride_id: int, minutes: int) -> None:
        ride = await rides_repo.get(session, ride_id)
        rider = await ride.awaitable_attrs.rider
        driver = await ride.awaitable_attrs.driver
        ride.status = RideStatus.ARRIVING
        await session.commit()
        await events.publish_ride_event(ride_id, "arriving", minutes=minutes)
        sms.send_template(rider.phone, "driver_arriving", driver=driver.full_name, minutes=minutes, vehicle=driver.vehicle_class)

    async def complete(self, session: AsyncSession, ride_id: int, distance_km: float, duration_s: int) -> Ride:
        ride = await rides_repo.get_for_update(session, ride_id)
        if ride.status is not RideStatus.IN_PROGRESS:
            raise RideStateError(f"ride is {ride.status.value}")
        ride.fare_cents = await self._fares.requote_after_trip(ride.city, distance_km, duration_s, ride.surge_multiplier)
        ride.status = RideStatus.COMPLETED
        ride.completed_at = datetime.now(timezone.utc)
        payment = await payments_repo.for_ride_locked(session, ride.id)
        if payment is not None and payment.status != PaymentStatus.CAPTURED:
            charge_id = await payment_provider.capture(payment.provider_ref or "", ride.fare_cents, payment.idempotency_key)
            await payments_repo.mark_captured(session, payment, charge_id)
        await session.commit()
        asyncio.create_task(receipts.send_receipt(ride.id))
        return ride
