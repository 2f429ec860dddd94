"""Fare-class rules: accrual rates, upgrade eligibility and fare lookups."""
from __future__ import annotations

from types import MappingProxyType

from ..cache.stores import TTLCache
from ..db import pg

ACCRUAL_RATES = MappingProxyType(
    {
        "F": 3.0, "A": 2.5, "J": 2.0, "C": 2.0, "D": 1.5,
        "W": 1.25, "Y": 1.0, "B": 1.0, "M": 0.75, "H": 0.5, "Q": 0.25, "O": 0.0,
    }
)

TIER_BONUS = MappingProxyType({"BLUE": 0.0, "SILVER": 0.25, "GOLD": 0.5, "PLATINUM": 1.0})

UPGRADE_ELIGIBLE = frozenset({"Y", "B", "M", "W"})

_fare_overrides: dict[str, float] = {}
_fare_cache: TTLCache[dict] = TTLCache(maxsize=5000, ttl=300)


def set_override(fare_class: str, rate: float) -> None:
    _fare_overrides[fare_class.upper()] = rate


def accrual_rate(fare_class: str) -> float:
    return _fare_overrides.get(fare_class, ACCRUAL_RATES.get(fare_class, 0.0))


def miles_for(distance: int, fare_class: str, tier: str) -> tuple[int, int]:
    base = round(distance * accrual_rate(fare_class))
    bonus = round(base * TIER_BONUS.get(tier, 0.0))
    return base + bonus, base


async def published_fare(origin: str, destination: str, cabin: str) -> dict:
    key = f"fare:{origin}:{destination}"
    cached = _fare_cache.get_copy(key)
    if cached is not None:
        return cached
    rows = await pg.fetch(
        "SELECT fare_basis, amount, currency FROM published_fares "
        "WHERE origin = $1 AND destination = $2 AND cabin = $3 ORDER BY amount LIMIT 1",
        origin, destination, cabin,
    )
    if not rows:
        return {}
    fare = {"fare_basis": rows[0]["fare_basis"], "amount": Decimal(rows[0]["amount"]), "currency": rows[0]["currency"]}
    _fare_cache.set(key, fare)
    return fare


def great_circle_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> int:
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return round(2 * 3958.8 * asin(sqrt(a)))
