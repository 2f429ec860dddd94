"""Competitor rate intelligence, used to nudge the public BAR."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx

from svc.config import settings


class RateShopperClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def median_competitor_rate(self, hotel_code: str, day: date) -> Decimal | None:
        resp = await self._http.get(
            f"{settings.rate_shopper_url}/v1/compset/{hotel_code}/median",
            params={"date": day.isoformat()},
        )
        resp.raise_for_status()
        value = resp.json().get("median")
        return Decimal(str(value)) if value is not None else None
