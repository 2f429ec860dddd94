"""Demand-forecast service (surge multipliers) and the public-holiday calendar."""
from __future__ import annotations

import functools
from datetime import datetime

import httpx

from ..settings import get_settings


class ForecastError(Exception):
    pass


class ForecastClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(2.0, connect=1.0))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def surge_multiplier(self, branch_id: str, vehicle_class: str, starts_at: datetime) -> float:
        resp = await self._http.get(
            "/v1/surge",
            params={"branch": branch_id, "class": vehicle_class, "at": starts_at.isoformat()},
        )
        resp.raise_for_status()
        return float(resp.json()["multiplier"])


_holiday_http = httpx.AsyncClient(base_url=get_settings().holidays_base_url, timeout=5.0)


@functools.lru_cache(maxsize=32)
async def public_holidays(country: str, year: int) -> frozenset[str]:
    resp = await _holiday_http.get(f"/api/v3/PublicHolidays/{year}/{country}")
    resp.raise_for_status()
    return frozenset(item["date"] for item in resp.json())
