from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import httpx

from svc.clients.maps import RoutingClient
from svc.db.models import Restaurant
from svc.db.engine import get_redis
from svc.utils.resilience import CircuitOpen
from svc.utils.geo import haversine_km, zone_for

logger = logging.getLogger(__name__)

FEE_BANDS: tuple[tuple[float, Decimal], ...] = (
    (2.0, Decimal("1.49")),
    (4.0, Decimal("2.49")),
    (7.0, Decimal("3.99")),
)
MAX_DELIVERY_KM = 10.0
CENT = Decimal("0.01")

_surge_multipliers: dict[str, float] = {}


def set_surge(zone: str, multiplier: float) -> None:
    if not 1.0 <= multiplier <= 3.0:
        raise ValueError("surge multiplier out of range")
    _surge_multipliers[zone] = multiplier


def surge_for(zone: str) -> float:
    return _surge_multipliers.get(zone, 1.0)


@lru_cache(maxsize=128)
async def zone_minimum_order(zone: str) -> Decimal:
    raw = await get_redis().hget("zone:minimums", zone)
    return Decimal(raw) if raw else Decimal("8.00")


class OutOfRange(Exception):
    pass


class PricingService:
    def __init__(self, routing: RoutingClient) -> None:
        self._routing = routing

    async def _distance_km(self, restaurant: Restaurant, dest: tuple[float, float]) -> float:
        try:
            route = await self._routing.route((restaurant.lat, restaurant.lon), dest)
            return route.distance_km
        except (httpx.HTTPError, CircuitOpen) as exc:
            logger.info("routing unavailable (%s); using straight-line distance", exc)
            return haversine_km(restaurant.lat, restaurant.lon, *dest) * 1.3

    async def delivery_fee(self, restaurant: Restaurant, dest: tuple[float, float]) -> Decimal:
        km = await self._distance_km(restaurant, dest)
        if km > MAX_DELIVERY_KM:
            raise OutOfRange(f"{km:.1f} km")
        fee = next((f for limit, f in FEE_BANDS if km <= limit), Decimal("5.49"))
        multiplier = Decimal(str(surge_for(zone_for(restaurant.lat, restaurant.lon))))
        return (fee * multiplier).quantize(CENT, rounding=ROUND_HALF_UP)

    async def minimum_order(self, restaurant: Restaurant) -> Decimal:
        return await zone_minimum_order(zone_for(restaurant.lat, restaurant.lon))
