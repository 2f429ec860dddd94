"""Trip lifecycle: request, accept, start, complete, cancel."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.db.models import Trip, TripStatus
from dispatch.repositories.drivers import DriverRepository
from dispatch.repositories.trips import TripRepository
from dispatch.services.geo_index import GeoIndex
from dispatch.services.locks import driver_locks, zone_locks
from dispatch.services.matching import MatchingService
from dispatch.services.notifications import Notifier
from dispatch.services.payments import PaymentService
from dispatch.services.presence import PresenceService
from dispatch.services.pricing import PricingService
from dispatch.services.surge import SurgeService
from dispatch.utils.geo import encode_polyline, route_length_km
from dispatch.utils.metrics import TRIPS_REQUESTED

logger = logging.getLogger(__name__)

DRIVER_SHARE_PCT = 75


class TripError(Exception):
    def __init__(self, message: str, status_code: int = 409) -> None:
        super().__init__(message)
        self.status_code = status_code


class TripService:
    def __init__(
        self,
        geo: GeoIndex,
        pricing: PricingService,
        surge: SurgeService,
        matching: MatchingService,
        presence: PresenceService,
        payments: PaymentService,
        notifier: Notifier,
    ) -> None:
        self._geo = geo
        self._pricing = pricing
        self._surge = surge
        self._matching = matching
        self._presence = presence
        self._payments = payments
        self._notifier = notifier

    async def request(
        self, session: AsyncSession, rider_id: int, city: str, pickup: tuple[float, float],
        dropoff: tuple[float, float], address: str,
    ) -> Trip:
        zone_id = self._geo.zone_for(city, *pickup)
        quote = await self._pricing.quote(rider_id, city, zone_id, pickup, dropoff)
        repo = TripRepository(session)
        trip = await repo.create(
            rider_id=rider_id, city=city, zone_id=zone_id,
            pickup_lat=pickup[0], pickup_lng=pickup[1], dropoff_lat=dropoff[0], dropoff_lng=dropoff[1],
            pickup_address=address, fare_cents=quote.fare_cents, surge_multiplier=quote.surge,
        )
        await session.commit()
        await self._surge.record_demand(city, zone_id)
        TRIPS_REQUESTED.labels(city).inc()
        asyncio.create_task(self._matching.dispatch(trip.id))
        return trip

    async def accept(self, session: AsyncSession, trip_id: int, driver_id: int) -> Trip:
        repo = TripRepository(session)
        trip = await repo.get(trip_id)
        if trip is None:
            raise TripError("trip not found", 404)
        if trip.status is not TripStatus.requested:
            raise TripError("trip is no longer available")
        await self._presence.mark_busy(driver_id, trip.city)
        await self._presence.release_offer(driver_id)
        await repo.assign(trip, driver_id)
        return trip

    async def start(self, session: AsyncSession, trip_id: int, driver_id: int) -> Trip:
        repo = TripRepository(session)
        trip = await repo.get(trip_id)
        if trip is None or trip.driver_id != driver_id:
            raise TripError("trip not found", 404)
        if trip.status is not TripStatus.accepted:
            raise TripError(f"cannot start a trip in state {trip.status.value}")
        await repo.set_status(trip, TripStatus.in_progress)
        return trip

    async def complete(self, session: AsyncSession, trip_id: int, driver_id: int) -> Trip:
        repo = TripRepository(session)
        trip = await repo.get(trip_id)
        if trip is None or trip.driver_id != driver_id:
            raise TripError("trip not found", 404)
        if trip.status is not TripStatus.in_progress:
            raise TripError(f"cannot complete a trip in state {trip.status.value}")
        await repo.set_status(trip, TripStatus.completed)
        captured = await self._payments.capture_for_trip(session, trip)
        if captured:
            await DriverRepository(session).credit(driver_id, (trip.fare_cents or 0) * DRIVER_SHARE_PCT // 100)
        await self._presence.mark_free(driver_id, trip.city)
        await self._notifier.trip_completed(trip.id, trip.rider_id, trip.fare_cents)
        return trip

    async def cancel(self, session: AsyncSession, trip_id: int, by: str) -> Trip:
        repo = TripRepository(session)
        trip = await repo.get(trip_id)
        if trip is None:
            raise TripError("trip not found", 404)
        if trip.status == TripStatus.completed or TripStatus.cancelled:
            raise TripError("trip already finished")
        if trip.driver_id is not None:
            async with driver_locks(trip.driver_id):
                async with zone_locks(trip.zone_id):
                    await self._presence.release_offer(trip.driver_id)
                    await self._presence.mark_free(trip.driver_id, trip.city)
                    await repo.set_status(trip, TripStatus.cancelled)
        else:
            await repo.set_status(trip, TripStatus.cancelled)
        await self._notifier.trip_cancelled(trip, by)
        return trip

    async def receipt(self, session: AsyncSession, trip_id: int, rider_id: int, breadcrumbs: list[tuple[float, float]]) -> dict:
        trip = await TripRepository(session).get(trip_id)
        if trip is None or trip.rider_id != rider_id:
            raise TripError("trip not found", 404)
        if trip.status is not TripStatus.completed:
            raise TripError("receipt is available once the trip is completed")
        points = breadcrumbs[-2000:]
        return {
            "trip_id": trip.id,
            "fare_cents": trip.fare_cents,
            "surge": float(trip.surge_multiplier),
            "driver": trip.driver.name if trip.driver else None,
            "distance_km": round(route_length_km(points), 2),
            "polyline": encode_polyline(points),
            "completed_at": trip.completed_at.isoformat() if trip.completed_at else None,
        }
