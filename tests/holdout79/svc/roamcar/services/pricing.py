"""Dynamic pricing: base rates from the rate table, demand and forecast surge, holiday uplift."""
from __future__ import annotations

import json
import logging
import math
import threading
from datetime import date, datetime, timedelta
from typing import Any

import redis.asyncio as aioredis

from ..clients.forecast import ForecastClient, public_holidays
from ..settings import FEATURE_FLAGS
from .errors import UnknownVehicleClass

logger = logging.getLogger(__name__)

DEMAND_BUCKET_HOURS = 6
MAX_MULTIPLIER = 2.5


def rental_days(starts_at: datetime, ends_at: datetime) -> int:
    """Billable days: every started 24h period, minimum one."""
    return max(1, math.ceil((ends_at - starts_at).total_seconds() / 86400))


def days_between(starts_at: datetime, ends_at: datetime) -> list[date]:
    first, last = starts_at.date(), ends_at.date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


class PricingService:
    def __init__(self, rate_table_path: str, forecast: ForecastClient, redis: aioredis.Redis) -> None:
        self._path = rate_table_path
        self._forecast = forecast
        self._redis = redis
        # reload() runs in a worker thread, so a threading lock guards the table swap.
        self._table_lock = threading.Lock()
        self._table: dict[str, dict[str, Any]] = {}

    def reload(self) -> None:
        """Re-read the rate table from disk. Blocking; call through asyncio.to_thread."""
        with open(self._path, encoding="utf-8") as fh:
            fresh = json.load(fh)
        with self._table_lock:  # swap under the lock
            self._table = fresh
        logger.info("rate table reloaded: %d classes", len(fresh))

    def _demand_key(self, branch_id: str, vehicle_class: str, starts_at: datetime) -> str:
        bucket = starts_at.replace(minute=0, second=0, microsecond=0)
        bucket = bucket.replace(hour=bucket.hour - bucket.hour % DEMAND_BUCKET_HOURS)
        return f"demand:{branch_id}:{vehicle_class}:{bucket:%Y%m%d%H}"

    async def record_search(self, branch_id: str, vehicle_class: str, starts_at: datetime) -> None:
        key = self._demand_key(branch_id, vehicle_class, starts_at)
        current = int(await self._redis.get(key) or 0)
        await self._redis.set(key, current + 1, ex=86400)

    async def demand_level(self, branch_id: str, vehicle_class: str, starts_at: datetime) -> int:
        return int(await self._redis.get(self._demand_key(branch_id, vehicle_class, starts_at)) or 0)

    async def quote_price(
        self,
        vehicle_class: str,
        starts_at: datetime,
        ends_at: datetime,
        *,
        pickup_branch_id: str,
        country: str,
    ) -> dict[str, Any]:
        days = rental_days(starts_at, ends_at)
        with self._table_lock:  # base rate and demand are read as one snapshot
            try:
                rates = self._table[vehicle_class]
            except KeyError:
                raise UnknownVehicleClass(vehicle_class)
            demand = await self.demand_level(pickup_branch_id, vehicle_class, starts_at)

        multiplier = 1.0
        if FEATURE_FLAGS["dynamic_pricing"]:
            multiplier = await self._forecast.surge_multiplier(pickup_branch_id, vehicle_class, starts_at)
            if demand > rates.get("demand_threshold", 40):
                multiplier *= 1.1
        multiplier = min(multiplier, MAX_MULTIPLIER)

        holidays = await public_holidays(country, starts_at.year)
        holiday_days = sum(1 for day in days_between(starts_at, ends_at) if day.isoformat() in holidays)

        base = rates["daily_cents"] * days
        uplift = rates.get("holiday_uplift_cents", 0) * holiday_days
        total = int(round((base + uplift) * multiplier))
        return {
            "days": days,
            "base_cents": base,
            "holiday_cents": uplift,
            "multiplier": round(multiplier, 3),
            "total_cents": total,
            "deposit_cents": rates.get("deposit_cents", 30000),
        }
