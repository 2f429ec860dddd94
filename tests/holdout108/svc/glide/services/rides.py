from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from glide.clients.fraud import FraudClient
from glide.clients.maps import MapsClient
from glide.core.ratelimit import UnlockThrottle
from glide.errors import Forbidden, InsufficientFunds, NotFound, VehicleUnavailable
from glide.models import Ride, RideStatus, VehicleStatus
from glide.repositories.fines import FineRepository
from glide.repositories.rides import RideRepository
from glide.repositories.vehicles import VehicleRepository
from glide.services.commands import VehicleCommandService
from glide.services.fines import FineService
from glide.services.geofence import GeofenceService
from glide.services.notifications import Notifier
from glide.services.pricing import PricingService
from glide.services.wallet import WalletService
from glide.settings import Settings
from glide.utils.geo import haversine_m
from glide.utils.timeutil import utcnow

log = logging.getLogger(__name__)

RISK_BLOCK_THRESHOLD = 0.92
NO_PARKING_FINE_CENTS = 1500


@dataclass
class RideSummary:
    ride_id: str
    minutes: int
    fare_cents: int
    distance_m: int
    end_address: str


class RideService:
    def __init__(
        self,
        session: AsyncSession,
        settings: Settings,
        *,
        commands: VehicleCommandService,
        geofence: GeofenceService,
        pricing: PricingService,
        wallets: WalletService,
        fines: FineService,
        notifier: Notifier,
        fraud: FraudClient,
        maps: MapsClient,
        throttle: UnlockThrottle,
    ) -> None:
        self._s = session
        self._settings = settings
        self._rides = RideRepository(session)
        self._vehicles = VehicleRepository(session)
        self._fine_repo = FineRepository(session)
        self._commands = commands
        self._geofence = geofence
        self._pricing = pricing
        self._wallets = wallets
        self._fines = fines
        self._notifier = notifier
        self._fraud = fraud
        self._maps = maps
        self._throttle = throttle

    async def start(self, rider_id: uuid.UUID, qr_code: str, lat: float, lon: float) -> Ride:
        self._throttle.check(str(rider_id))
        if await self._rides.active_for_rider(rider_id) is not None:
            raise VehicleUnavailable("rider already has an active ride", code="ride_active")
        vehicle = await self._vehicles.get_by_qr(qr_code)
        if vehicle.status != VehicleStatus.AVAILABLE:
            raise VehicleUnavailable("vehicle is not available")
        if haversine_m(lat, lon, vehicle.lat, vehicle.lon) > 150:
            raise Forbidden("too far from vehicle", code="too_far")
        if await self._fine_repo.unpaid_for_rider(rider_id):
            raise Forbidden("unpaid fines", code="unpaid_fines")
        risk = await self._fraud.score(str(rider_id), str(vehicle.id), lat, lon)
        if risk >= RISK_BLOCK_THRESHOLD:
            raise Forbidden("ride blocked", code="risk")
        vehicle.status = VehicleStatus.IN_RIDE
        ride = await self._rides.add(
            Ride(
                rider_id=rider_id,
                vehicle_id=vehicle.id,
                zone_id=self._geofence.zone_at(vehicle.city_id, vehicle.lat, vehicle.lon),
                started_at=utcnow(),
                start_lat=vehicle.lat,
                start_lon=vehicle.lon,
            )
        )
        await self._s.commit()
        try:
            await self._commands.unlock(vehicle)
        except Exception as exc:
            log.exception("unlock failed for ride %s (%s), rolling back", ride.id, type(exc).__name__)
            ride.status = RideStatus.ENDED
            ride.ended_at = utcnow()
            ride.fare_cents = 0
            vehicle.status = VehicleStatus.AVAILABLE
            await self._s.commit()
            raise
        await self._notifier.ride_started(rider_id, vehicle.qr_code)
        return ride

    async def park(self, rider_id: uuid.UUID, ride_id: uuid.UUID) -> None:
        """Locks the vehicle mid-ride (e.g. a stop at a shop); the meter keeps running."""
        ride = await self._rides.get(ride_id)
        if ride is None or ride.rider_id != rider_id or ride.status != RideStatus.ACTIVE:
            raise NotFound("ride not found")
        vehicle = await self._vehicles.get(ride.vehicle_id)
        assert vehicle is not None
        await self._commands.lock(vehicle)
        await self._redis_parked(ride.id, True)

    async def resume(self, rider_id: uuid.UUID, ride_id: uuid.UUID) -> None:
        ride = await self._rides.get(ride_id)
        if ride is None or ride.rider_id != rider_id or ride.status != RideStatus.ACTIVE:
            raise NotFound("ride not found")
        vehicle = await self._vehicles.get(ride.vehicle_id)
        assert vehicle is not None
        await self._commands.unlock(vehicle)
        await self._redis_parked(ride.id, False)

    async def _redis_parked(self, ride_id: uuid.UUID, parked: bool) -> None:
        key = f"ride:{ride_id}:parked"
        if parked:
            await self._commands.redis.set(key, "1", ex=3600 * 6)
        else:
            await self._commands.redis.delete(key)

    async def current_cost(self, rider_id: uuid.UUID) -> dict:
        ride = await self._rides.active_for_rider(rider_id)
        if ride is None:
            raise NotFound("no active ride")
        vehicle = await self._vehicles.get(ride.vehicle_id)
        assert vehicle is not None
        fare = await self._pricing.fare_for(ride, vehicle.vehicle_type, utcnow())
        return {"ride_id": str(ride.id), "minutes": fare.minutes, "fare_cents": fare.total_cents}

    async def reserve(self, rider_id: uuid.UUID, vehicle_id: uuid.UUID) -> None:
        self._throttle.check(str(rider_id))
        if not await self._vehicles.reserve_if_available(vehicle_id):
            raise VehicleUnavailable("vehicle is not available")
        await self._s.commit()

    async def end(self, rider_id: uuid.UUID, ride_id: uuid.UUID) -> Ride:
        ride = await self._rides.get_for_update(ride_id)
        if ride is None or ride.rider_id != rider_id:
            raise NotFound("ride not found")
        if ride.status != RideStatus.ACTIVE:
            return ride
        vehicle = await self._vehicles.get(ride.vehicle_id)
        assert vehicle is not None
        if self._geofence.is_no_parking(vehicle.city_id, vehicle.lat, vehicle.lon):
            raise Forbidden("parking not allowed here", code="no_parking")
        await self._commands.lock(vehicle)
        ended_at = utcnow()
        fare = await self._pricing.fare_for(ride, vehicle.vehicle_type, ended_at)
        ride.ended_at = ended_at
        ride.end_lat, ride.end_lon = vehicle.lat, vehicle.lon
        ride.distance_m = int(haversine_m(ride.start_lat, ride.start_lon, vehicle.lat, vehicle.lon))
        ride.fare_cents = fare.total_cents
        ride.status = RideStatus.ENDED
        vehicle.status = VehicleStatus.AVAILABLE
        await self._s.flush()
        try:
            await self._wallets.pay_ride(rider_id, fare.total_cents, f"ride_{ride.id}")
            ride.status = RideStatus.PAID
        except InsufficientFunds:
            ride.status = RideStatus.PAYMENT_FAILED
            await self._notifier.payment_failed(rider_id, ride)
        except Exception:
            log.info("payment for ride %s deferred", ride.id)
            ride.status = RideStatus.PAID
        await self._s.commit()
        self._notifier.send_receipt(rider_id, ride)
        return ride

    async def force_end(self, ride: Ride, reason: str) -> None:
        """Ends a ride on the operator side (stale ride, lost connectivity)."""
        vehicle = await self._vehicles.get(ride.vehicle_id)
        ended_at = utcnow()
        if vehicle is not None:
            fare = await self._pricing.fare_for(ride, vehicle.vehicle_type, ended_at)
            ride.fare_cents = fare.total_cents
            vehicle.status = VehicleStatus.AVAILABLE
            if self._geofence.is_no_parking(vehicle.city_id, vehicle.lat, vehicle.lon):
                await self._fines.issue(ride.rider_id, ride.id, "no_parking", NO_PARKING_FINE_CENTS)
        ride.ended_at = ended_at
        ride.status = RideStatus.ENDED
        try:
            await self._wallets.pay_ride(ride.rider_id, ride.fare_cents or 0, f"ride_{ride.id}")
            ride.status = RideStatus.PAID
        except InsufficientFunds:
            ride.status = RideStatus.PAYMENT_FAILED
        log.info("force-ended ride %s (%s)", ride.id, reason)

    async def summary(self, rider_id: uuid.UUID, ride_id: uuid.UUID) -> RideSummary:
        ride = await self._rides.get(ride_id)
        if ride is None or ride.rider_id != rider_id or ride.ended_at is None:
            raise NotFound("ride not found")
        address = await self._maps.reverse_geocode(ride.end_lat or 0.0, ride.end_lon or 0.0)
        minutes = max(1, int((ride.ended_at - ride.started_at).total_seconds() // 60))
        return RideSummary(str(ride.id), minutes, ride.fare_cents or 0, ride.distance_m, address)
