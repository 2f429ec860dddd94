"""Trip distance/duration estimates with a local fallback when the maps provider is down."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cachetools import TTLCache

from svc.clients.maps_client import MapsClient, MapsError
from svc.utils.geo import Point, estimate_minutes, haversine_km

if TYPE_CHECKING:
    from svc.db.models import Trip

logger = logging.getLogger(__name__)

ROAD_FACTOR = 1.3


@dataclass(frozen=True, slots=True)
class TripEstimate:
    distance_km: float
    minutes: float
    source: str


class EtaService:
    def __init__(self, maps: MapsClient) -> None:
        self._maps = maps
        self._cache: TTLCache[tuple, TripEstimate] = TTLCache(maxsize=20_000, ttl=120)

    async def estimate(self, origin: Point, destination: Point) -> TripEstimate:
        key = (round(origin.lat, 4), round(origin.lng, 4), round(destination.lat, 4), round(destination.lng, 4))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        try:
            route = await self._maps.route(origin, destination)
        except MapsError:
            logger.warning("maps unavailable, using straight-line estimate", exc_info=True)
            distance = haversine_km(origin, destination) * ROAD_FACTOR
            return TripEstimate(distance_km=distance, minutes=estimate_minutes(distance), source="fallback")
        estimate = TripEstimate(distance_km=route.distance_m / 1000, minutes=route.duration_s / 60, source="maps")
        self._cache[key] = estimate
        return estimate

    async def pickup_etas(self, drivers: list[tuple[int, Point]], pickup: Point) -> dict[int, int | None]:
        if not drivers:
            return {}
        durations = await self._maps.eta_matrix([p for _, p in drivers], pickup)
        return {driver_id: d for (driver_id, _), d in zip(drivers, durations)}

    async def for_trip(self, trip: Trip) -> TripEstimate:
        return await self.estimate(Point(trip.pickup_lat, trip.pickup_lng), Point(trip.dropoff_lat, trip.dropoff_lng))
