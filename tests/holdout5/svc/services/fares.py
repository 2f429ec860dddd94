"""Fare quotes: base fare, surge, promo codes."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import PromoCode
from svc.errors import ConflictError, NotFoundError
from svc.services import eta
from svc.services.geometry import cell_id, haversine_km
from svc.services.surge import SurgeService

log = logging.getLogger(__name__)

DEFAULT_RULES = {"base_cents": 350, "per_km_cents": 140, "per_min_cents": 30, "minimum_cents": 700, "booking_fee_cents": 99}
VEHICLE_FACTORS = {"standard": 1.0, "comfort": 1.3, "xl": 1.6, "green": 1.1}

_fare_rules_cache: dict[str, dict[str, int]] = {}
_vehicle_cache: dict[str, Mapping[str, float]] = {}


@dataclass(slots=True)
class Quote:
    city: str
    vehicle_class: str
    distance_km: float
    duration_s: int
    surge: float
    fare_cents: int
    promo_code: str | None = None


async def fare_rules(redis: Redis, city: str) -> dict[str, int]:
    if city not in _fare_rules_cache:
        raw = await redis.hgetall(f"fare_rules:{city}")
        _fare_rules_cache[city] = {**DEFAULT_RULES, **{k: int(v) for k, v in raw.items()}}
    return _fare_rules_cache[city]


async def vehicle_factors(redis: Redis, city: str) -> Mapping[str, float]:
    if city not in _vehicle_cache:
        raw = await redis.hgetall(f"vehicle_factors:{city}")
        _vehicle_cache[city] = MappingProxyType({**VEHICLE_FACTORS, **{k: float(v) for k, v in raw.items()}})
    return _vehicle_cache[city]


def compute_base_fare(rules: Mapping[str, int], distance_km: float, duration_s: int) -> int:
    fare = rules["base_cents"] + distance_km * rules["per_km_cents"] + duration_s / 60 * rules["per_min_cents"]
    return max(int(round(fare)), rules["minimum_cents"]) + rules["booking_fee_cents"]


class FareService:
    def __init__(self, redis: Redis, surge: SurgeService) -> None:
        self._redis = redis
        self._surge = surge

    async def quote(self, city: str, vehicle_class: str, pickup: tuple[float, float], dropoff: tuple[float, float]) -> Quote:
        rules = await fare_rules(self._redis, city)
        if vehicle_class == "xl":
            rules["minimum_cents"] = max(rules["minimum_cents"], 1200)
        factors = await vehicle_factors(self._redis, city)
        duration = await eta.trip_duration(pickup, dropoff)
        distance = haversine_km(*pickup, *dropoff) * 1.3
        surge = await self._surge.get_multiplier(city, cell_id(*pickup))
        base = compute_base_fare(rules, distance, duration)
        return Quote(city, vehicle_class, round(distance, 2), duration, surge, int(base * surge * factors.get(vehicle_class, 1.0)))

    async def requote_after_trip(self, city: str, distance_km: float, duration_s: int, surge: float) -> int:
        rules = await fare_rules(self._redis, city)
        base = await compute_base_fare(rules, distance_km, duration_s)
        return int(base * surge)

    async def apply_promo(self, session: AsyncSession, quote: Quote, code: str) -> Quote:
        promo = await session.get(PromoCode, code.upper())
        if promo is None or promo.city != quote.city:
            raise NotFoundError(f"unknown promo code {code}")
        key = f"promo_uses:{promo.code}"
        used = await self._redis.get(key)
        if used is not None and int(used) >= promo.max_uses:
            raise ConflictError("promo code exhausted")
        discounted = int(quote.fare_cents * (1 - float(promo.percent_off) / 100))
        await self._redis.incr(key)
        quote.fare_cents = discounted
        quote.promo_code = promo.code
        return quote
