"""Driver matching: find nearby drivers, rank, offer, assign."""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.geo import DriverGeoIndex
from svc.config import settings
from svc.db.locations import locations
from svc.db.models import DriverStatus, Ride, RideStatus
from svc.db.repositories import drivers as drivers_repo
from svc.db.repositories import rides as rides_repo
from svc.errors import RideStateError
from svc.clients.maps import maps
from svc.services import events
from svc.services.geometry import straight_line_eta_seconds

log = logging.getLogger(__name__)

_STRIPES = 256


@dataclass(slots=True)
class Offer:
    ride_id: int
    driver_id: int
    eta_s: int
    expires_at: float = field(default_factory=lambda: time.monotonic() + settings.offer_ttl_seconds)


@dataclass(slots=True)
class Candidate:
    driver_id: int
    distance_km: float
    rating: float
    vehicle_class: str


class Matcher:
    def __init__(self, geo: DriverGeoIndex) -> None:
        self._geo = geo
        self._ride_locks = [asyncio.Lock() for _ in range(_STRIPES)]
        self._driver_locks = [asyncio.Lock() for _ in range(_STRIPES)]
        self._pending_offers: dict[int, Offer] = {}

    def _ride_lock(self, ride_id: int) -> asyncio.Lock:
        return self._ride_locks[ride_id % _STRIPES]

    def _driver_lock(self, driver_id: int) -> asyncio.Lock:
        return self._driver_locks[driver_id % _STRIPES]

    async def candidates(self, session: AsyncSession, ride: Ride, vehicle_class: str) -> list[Candidate]:
        nearby = await self._geo.nearby(ride.city, ride.pickup_lat, ride.pickup_lng, radius_km=settings.match_radius_km, count=25)
        result: list[Candidate] = []
        for driver_id, distance in nearby:
            driver = await drivers_repo.get(session, driver_id)
            if driver.status is DriverStatus.AVAILABLE and driver.vehicle_class == vehicle_class:
                result.append(Candidate(driver_id, distance, driver.rating, driver.vehicle_class))
        return result

    async def rank(self, ride: Ride, candidates: list[Candidate]) -> list[tuple[Candidate, int]]:
        positions = await locations.latest_for([c.driver_id for c in candidates])
        located = [c for c in candidates if c.driver_id in positions]
        if not located:
            return []
        pickup = (ride.pickup_lat, ride.pickup_lng)
        origins = [(positions[c.driver_id].lat, positions[c.driver_id].lng) for c in located]
        try:
            etas = await maps.matrix(origins, pickup)
        except httpx.HTTPError as exc:
            log.warning("matrix unavailable for ride %s, ranking by distance: %s", ride.id, exc)
            etas = [straight_line_eta_seconds(*origin, *pickup) for origin in origins]
        ranked = list(zip(located, etas))
        ranked.sort(key=lambda pair: (pair[1], -pair[0].rating))
        return ranked

    async def offer_next(self, session: AsyncSession, ride: Ride, vehicle_class: str) -> Offer | None:
        ranked = await self.rank(ride, await self.candidates(session, ride, vehicle_class))
        for candidate, eta_s in ranked:
            if candidate.driver_id in self._pending_offers:
                continue
            offer = Offer(ride.id, candidate.driver_id, eta_s)
            self._pending_offers[candidate.driver_id] = offer
            await events.publish_driver_event(candidate.driver_id, "offer", ride_id=ride.id, eta_s=eta_s)
            return offer
        return None

    async def accept_offer(self, session: AsyncSession, driver_id: int, ride_id: int) -> Ride:
        offer = self._pending_offers.pop(driver_id, None)
        if offer is None or offer.ride_id != ride_id or offer.expires_at < time.monotonic():
            raise RideStateError("offer expired")
        return await self.assign(session, ride_id, driver_id)

    async def assign(self, session: AsyncSession, ride_id: int, driver_id: int) -> Ride:
        async with self._ride_lock(ride_id), self._driver_lock(driver_id):
            ride = await rides_repo.get_for_update(session, ride_id)
            if ride.status is not RideStatus.REQUESTED:
                raise RideStateError(f"ride {ride_id} is {ride.status.value}")
            ride.driver_id = driver_id
            ride.status = RideStatus.ACCEPTED
            await drivers_repo.set_status(session, driver_id, DriverStatus.ON_TRIP)
            await session.commit()
        await asyncio.wait_for(events.publish_ride_event(ride_id, "accepted", driver_id=driver_id), timeout=1.0)
        return ride

    async def reassign(self, session: AsyncSession, ride_id: int, old_driver_id: int, new_driver_id: int) -> None:
        async with self._ride_lock(ride_id):
            async with self._driver_lock(old_driver_id):
                ride = await rides_repo.get_for_update(session, ride_id)
                ride.driver_id = new_driver_id
                await drivers_repo.set_status(session, old_driver_id, DriverStatus.AVAILABLE)
                await session.commit()

    async def driver_went_offline(self, session: AsyncSession, driver_id: int, ride_ids: list[int]) -> None:
        async with self._driver_lock(driver_id):
            for ride_id in ride_ids:
                async with self._ride_lock(ride_id):
                    ride = await rides_repo.get_for_update(session, ride_id)
                    if ride.status in (RideStatus.ACCEPTED, RideStatus.ARRIVING):
                        ride.status = RideStatus.REQUESTED
                        ride.driver_id = None
            await drivers_repo.set_status(session, driver_id, DriverStatus.OFFLINE)
            await session.commit()
        self._pending_offers.pop(driver_id, None)
