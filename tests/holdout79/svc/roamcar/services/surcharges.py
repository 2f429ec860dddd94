"""Late-return, refuelling and one-way charges."""
from __future__ import annotations

import math
from decimal import Decimal

import redis.asyncio as aioredis

from ..models import Branch, Vehicle
from ..repositories import BranchRepository
from ..settings import FEATURE_FLAGS
from ..utils.fuel_table import price_per_litre
from ..utils.geo import haversine_km
from ..utils.money import round_cents
from .errors import OneWayNotOffered, UnknownBranch

ONE_WAY_PER_KM_CENTS = 35
REFUEL_SERVICE_FACTOR = Decimal("1.25")
MIN_MISSING_PCT = 2.0
DEFAULT_KWH_CENTS = 45


def late_return_fee(ends_at, returned_at, *, grace_minutes: int, per_hour_cents: int) -> int:
    minutes_late = (returned_at - ends_at).total_seconds() / 60
    if minutes_late <= grace_minutes:
        return 0
    return math.ceil(minutes_late / 60) * per_hour_cents


async def one_way_fee(branches: BranchRepository, pickup: Branch, return_branch_id: str) -> int:
    if return_branch_id == pickup.id:
        return 0
    if not FEATURE_FLAGS["one_way_rentals"]:
        raise OneWayNotOffered(f"one-way rentals from {pickup.id} are not offered")
    drop = await branches.get(return_branch_id)
    if drop is None:
        raise UnknownBranch(return_branch_id)
    distance = haversine_km(pickup.lat, pickup.lon, drop.lat, drop.lon)
    return pickup.one_way_fee_cents + int(distance * ONE_WAY_PER_KM_CENTS)


class SurchargeCalculator:
    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def fuel_surcharge(self, vehicle: Vehicle, fuel_out_pct: float, fuel_in_pct: float, region: str) -> int:
        missing_pct = max(0.0, fuel_out_pct - fuel_in_pct)
        if missing_pct < MIN_MISSING_PCT:
            return 0
        if vehicle.fuel_type == "ev":
            kwh_cents = int(await self._redis.get(f"tariff:kwh:{region}") or DEFAULT_KWH_CENTS)
            return int(vehicle.battery_kwh * missing_pct / 100 * kwh_cents)
        litres = Decimal(str(vehicle.tank_litres)) * Decimal(str(missing_pct)) / 100
        price = price_per_litre(region, vehicle.fuel_type)
        return round_cents(litres * price * 100 * REFUEL_SERVICE_FACTOR)
