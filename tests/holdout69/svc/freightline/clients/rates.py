"""Market rate providers (DAT RateView and Truckstop)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import httpx

from freightline.config import Settings
from freightline.metrics import RATE_API_ERRORS
from freightline.utils.resilience import CircuitBreaker
from freightline.utils.resilience import retry_async

logger = logging.getLogger(__name__)


class RateAPIError(RuntimeError):
    pass


@dataclass(frozen=True)
class Lane:
    origin: str
    destination: str
    equipment: str
    pickup: date

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.origin, self.destination, self.equipment, self.pickup.isoformat())


@dataclass
class MarketRate:
    provider: str
    per_mile_cents: int
    low_cents: int
    high_cents: int
    miles: int


class DatClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.dat_base_url,
            headers={"Authorization": f"Bearer {settings.dat_api_key}"},
            timeout=httpx.Timeout(8.0, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("dat", failure_threshold=5, reset_after=60)

    @retry_async(attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
    async def _lookup(self, lane: Lane) -> dict:
        resp = await self._http.post(
            "/linehaulrates/v1/lookups",
            json=[{
                "origin": {"city": lane.origin},
                "destination": {"city": lane.destination},
                "rateType": "SPOT",
                "equipment": lane.equipment.upper(),
                "rateTimePeriod": {"rateDate": lane.pickup.isoformat()},
            }],
        )
        resp.raise_for_status()
        return resp.json()

    async def spot_rate(self, lane: Lane) -> MarketRate:
        try:
            body = await self._breaker.call(lambda: self._lookup(lane))
        except httpx.HTTPError as exc:
            RATE_API_ERRORS.labels("dat").inc()
            raise RateAPIError("DAT lookup failed") from exc
        rate = body["rateResponses"][0]["response"]["rate"]
        return MarketRate(
            provider="dat",
            per_mile_cents=round(rate["perMile"]["rateUsd"] * 100),
            low_cents=round(rate["perMile"]["lowUsd"] * 100),
            high_cents=round(rate["perMile"]["highUsd"] * 100),
            miles=int(rate["mileage"]),
        )

    async def aclose(self) -> None:
        await self._http.aclose()


class TruckstopClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.truckstop_base_url
        self._key = settings.truckstop_api_key

    async def spot_rate(self, lane: Lane) -> MarketRate:
        async with httpx.AsyncClient(base_url=self._base, timeout=10.0) as client:
            try:
                resp = await client.get(
                    "/rateinsights/v2/spot",
                    params={
                        "originCity": lane.origin,
                        "destinationCity": lane.destination,
                        "equipmentType": lane.equipment,
                        "pickupDate": lane.pickup.isoformat(),
                    },
                    headers={"x-api-key": self._key},
                )
                resp.raise_for_status()
            except httpx.HTTPError as exc:
                RATE_API_ERRORS.labels("truckstop").inc()
                raise RateAPIError(f"truckstop lookup failed: {exc}")
        data = resp.json()
        return MarketRate(
            provider="truckstop",
            per_mile_cents=int(data["averageRatePerMile"] * 100),
            low_cents=int(data["lowRatePerMile"] * 100),
            high_cents=int(data["highRatePerMile"] * 100),
            miles=int(data["miles"]),
        )
