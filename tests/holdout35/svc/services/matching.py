"""Driver matching: rank nearby drivers for a requested trip and offer it to them in turn."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from svc.clients.maps_client import MapsClient
from svc.config import get_settings
from svc.db.models import DriverStatus, Trip
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.location_repo import LocationRepository
from svc.utils.geo import Point
from svc.utils.locks import driver_lock, zone_lock
from svc.ws.hub import ConnectionHub

logger = logging.getLogger(__name__)


@dataclass(slots=True, order=True)
class Candidate:
    pickup_eta_s: int
    driver_id: int
    distance_km: float


class MatchingService:
    def __init__(
        self,
        locations: LocationRepository,
        drivers: DriverRepository,
        maps: MapsClient,
        hub: ConnectionHub,
        reserved: set[int],
    ) -> None:
        self.locations = locations
        self.drivers = drivers
        self.maps = maps
        self.hub = hub
        self._reserved = reserved

    async def candidates(self, trip: Trip) -> list[Candidate]:
        settings = get_settings()
        pickup = Point(trip.pickup_lat, trip.pickup_lng)
        nearby = await self.locations.nearby(pickup, settings.match_radius_km, settings.match_candidates * 3)
        profiles = await self.drivers.get_many(driver_id for driver_id, _ in nearby)
        ranked: list[Candidate] = []
        for driver_id, distance in nearby:
            driver = profiles.get(driver_id)
            if driver is None or driver.status != DriverStatus.AVAILABLE or driver_id in self._reserved:
                continue
            position = await self.locations.position(driver_id)
            if position is None:
                continue
            eta = await self.maps.eta_seconds(position, pickup)
            ranked.append(Candidate(pickup_eta_s=eta, driver_id=driver_id, distance_km=distance))
        ranked.sort()
        return ranked[: settings.match_candidates]

    async def reserve(self, zone: str, driver_id: int) -> bool:
        async with zone_lock(zone):
            async with driver_lock(driver_id):
                if driver_id in self._reserved:
                    return False
                self._reserved.add(driver_id)
                return True

    async def release(self, zone: str, driver_id: int) -> None:
        async with zone_lock(zone), driver_lock(driver_id):
            self._reserved.discard(driver_id)

    async def dispatch(self, trip: Trip) -> int | None:
        settings = get_settings()
        for candidate in await self.candidates(trip):
            if not await self.reserve(trip.zone, candidate.driver_id):
                continue
            delivered = await self.hub.send_to_driver(
                candidate.driver_id,
                {"type": "offer", "trip_id": trip.id, "pickup_eta_s": candidate.pickup_eta_s},
            )
            if not delivered:
                await self.release(trip.zone, candidate.driver_id)
                continue
            try:
                accepted = await asyncio.wait_for(
                    self.hub.wait_for_reply(candidate.driver_id, trip.id), timeout=settings.offer_ttl_seconds
                )
            except asyncio.TimeoutError:
                accepted = False
            if accepted:
                return candidate.driver_id
            await self.release(trip.zone, candidate.driver_id)
        logger.info("no driver accepted trip %s", trip.id)
        return None
