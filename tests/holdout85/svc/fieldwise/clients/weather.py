from __future__ import annotations

from typing import Any

import httpx

from fieldwise.logging_setup import get_logger
from fieldwise.utils.retry import CircuitBreaker, with_backoff

log = get_logger(__name__)


class WeatherClient:
    """Client for the AgroWeather forecast API."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"X-Api-Key": api_key})
        self._breaker = CircuitBreaker("weather", failure_threshold=5, reset_after_s=60)

    async def close(self) -> None:
        await self._http.aclose()

    async def forecast(self, lat: float, lon: float, days: int) -> dict[str, Any]:
        async def _call() -> dict[str, Any]:
            response = await self._http.get(
                "/forecast", params={"lat": round(lat, 3), "lon": round(lon, 3), "days": days}
            )
            response.raise_for_status()
            return response.json()

        return await self._breaker.call(
            lambda: with_backoff(_call, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
        )

    async def current(self, lat: float, lon: float) -> dict[str, Any]:
        resp = await self._http.get("/current", params={"lat": round(lat, 3), "lon": round(lon, 3)})
        resp.raise_for_status()
        return resp.json()
