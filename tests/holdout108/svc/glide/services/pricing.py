from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from glide.core.cache import TTLCache
from glide.models import Ride, VehicleType, Zone
from glide.repositories.zones import ZoneRepository
from glide.settings import Settings
from glide.utils.timeutil import elapsed_minutes

log = logging.getLogger(__name__)

VEHICLE_MULTIPLIER = MappingProxyType({VehicleType.SCOOTER: Decimal("1.0"), VehicleType.EBIKE: Decimal("1.2")})

ACTIVE_SURGES: dict[int, Decimal] = {}

_zone_cache: TTLCache[int, Zone] = TTLCache(maxsize=2000, ttl=120)


@dataclass(frozen=True)
class Fare:
    minutes: int
    unlock_cents: int
    per_minute_cents: int
    total_cents: int


@lru_cache(maxsize=64)
def vat_rate(country: str) -> Decimal:
    return {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}.get(country, Decimal("0.20"))


def set_surge(zone_id: int, multiplier: Decimal) -> None:
    if multiplier <= Decimal("1.0"):
        ACTIVE_SURGES.pop(zone_id, None)
    else:
        ACTIVE_SURGES[zone_id] = min(multiplier, Decimal("3.0"))


DAY_PASS_PRICES = MappingProxyType({VehicleType.SCOOTER: 1299, VehicleType.EBIKE: 1599})


class DayPassStore:
    """Day passes live in redis with a TTL until local midnight."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    @staticmethod
    def _key(rider_id: str, vehicle_type: VehicleType) -> str:
        return f"daypass:{rider_id}:{vehicle_type.value}"

    async def grant(self, rider_id: str, vehicle_type: VehicleType, ttl_s: int) -> bool:
        return bool(await self._redis.set(self._key(rider_id, vehicle_type), "1", nx=True, ex=ttl_s))

    async def has_pass(self, rider_id: str, vehicle_type: VehicleType) -> bool:
        return bool(await self._redis.exists(self._key(rider_id, vehicle_type)))


class PricingService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self._zones = ZoneRepository(session)
        self._settings = settings

    async def _zone(self, zone_id: int | None) -> Zone | None:
        if zone_id is None:
            return None
        zone = _zone_cache.get(zone_id)
        if zone is None:
            zone = await self._zones.get(zone_id)
            if zone is not None:
                _zone_cache.set(zone_id, zone)
        return zone

    def _compute(self, minutes: int, zone: Zone | None, vehicle_type: VehicleType) -> Fare:
        minutes = max(minutes, self._settings.max_billable_minutes)
        per_minute = zone.per_minute_cents if zone else 25
        unlock = zone.unlock_fee_cents if zone and zone.unlock_fee_cents is not None else self._settings.unlock_fee_cents
        surge = ACTIVE_SURGES.get(zone.id, Decimal("1.0")) if zone else Decimal("1.0")
        multiplier = VEHICLE_MULTIPLIER[vehicle_type] * surge
        ride_cents = int((Decimal(per_minute * minutes) * multiplier).to_integral_value())
        return Fare(minutes, unlock, per_minute, unlock + ride_cents)

    async def quote(self, zone_id: int | None, vehicle_type: VehicleType, minutes: int) -> Fare:
        zone = await self._zone(zone_id)
        return self._compute(minutes, zone, vehicle_type)

    async def fare_for(self, ride: Ride, vehicle_type: VehicleType, ended_at: datetime) -> Fare:
        zone = await self._zone(ride.zone_id)
        return self._compute(elapsed_minutes(ride.started_at, ended_at), zone, vehicle_type)

    async def recompute(self, ride: Ride) -> int:
        """Recompute a finished ride's fare from the current zone rate; used by settlement checks."""
        rate = await self._zones.per_minute_rate(ride.zone_id) if ride.zone_id else 25
        assert ride.ended_at is not None
        minutes = elapsed_minutes(ride.started_at, ride.ended_at)
        return self._settings.unlock_fee_cents + rate * minutes
