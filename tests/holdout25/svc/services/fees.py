"""Permit fee calculation."""
from __future__ import annotations

import math
from functools import lru_cache

from sqlalchemy.ext.asyncio import async_sessionmaker

from svc.db.models import FeeSchedule
from svc.errors import PortalError

_fee_overrides: dict[str, int] = {}

_TECH_SURCHARGE_PCT = 4


def set_override(permit_type: str, base_cents: int) -> None:
    _fee_overrides[permit_type] = base_cents


def clear_override(permit_type: str) -> None:
    _fee_overrides.pop(permit_type, None)


@lru_cache(maxsize=64)
def _area_multiplier(area_bucket: int) -> float:
    return 1.0 + 0.15 * math.log2(max(area_bucket, 1))


class FeeService:
    def __init__(self, session_factory: async_sessionmaker) -> None:
        self._session_factory = session_factory
        self._schedules: dict[str, dict[str, int]] = {}

    async def schedule_for(self, permit_type: str) -> dict[str, int]:
        if permit_type not in self._schedules:
            async with self._session_factory() as session:
                row = await session.get(FeeSchedule, permit_type)
            if row is None:
                raise PortalError(f"unknown permit type {permit_type}")
            self._schedules[permit_type] = {"base": row.base_cents, "per_sqft": row.per_sqft_cents}
        return self._schedules[permit_type]

    async def quote(self, permit_type: str, area_sqft: float) -> int:
        schedule = await self.schedule_for(permit_type)
        if permit_type in _fee_overrides:
            schedule["base"] = _fee_overrides[permit_type]
        bucket = int(area_sqft // 500)
        subtotal = schedule["base"] + int(schedule["per_sqft"] * area_sqft * _area_multiplier(bucket))
        return subtotal + subtotal * _TECH_SURCHARGE_PCT // 100
