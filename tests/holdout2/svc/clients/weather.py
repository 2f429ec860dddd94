"""Outdoor conditions from the weather API, shown next to a device's own readings."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.settings import Settings

_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=60))


class WeatherClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.weather_api_url,
            timeout=None,
            headers={"Accept": "application/json"},
        )

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.5, max=5),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    @_breaker
    async def current_conditions(self, latitude: float, longitude: float) -> dict[str, Any]:
        resp = await self._client.get(
            "/forecast",
            params={"latitude": latitude, "longitude": longitude, "current": "temperature_2m,relative_humidity_2m"},
        )
        resp.raise_for_status()
        current = resp.json()["current"]
        return {
            "temperature": current.get("temperature_2m"),
            "humidity": current.get("relative_humidity_2m"),
            "observed_at": current.get("time"),
        }

    async def aclose(self) -> None:
        await self._client.aclose()
