from __future__ import annotations

from dataclasses import dataclass

import httpx

from ..utils.resilience import CircuitBreaker


@dataclass(frozen=True)
class LaneRate:
    origin: str
    dest: str
    equipment: str
    low_cents_per_mile: int
    avg_cents_per_mile: int
    high_cents_per_mile: int
    miles: int


class MarketRatesClient:
    def __init__(self, http: httpx.AsyncClient, base_url: str) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._breaker = CircuitBreaker("market-rates", failure_threshold=4, reset_after=60)

    async def _get(self, path: str, params: dict) -> dict:
        resp = await self._http.get(f"{self._base}{path}", params=params)
        resp.raise_for_status()
        return resp.json()

    async def lane_rate(self, origin: str, dest: str, equipment: str) -> LaneRate:
        data = await self._breaker.call(self._get, "/v2/lanes/spot", {"o": origin, "d": dest, "eq": equipment})
        return LaneRate(
            origin=origin,
            dest=dest,
            equipment=equipment,
            low_cents_per_mile=data["low"],
            avg_cents_per_mile=data["avg"],
            high_cents_per_mile=data["high"],
            miles=data["miles"],
        )
