from __future__ import annotations

import httpx

from homegrid.config import Settings


class WeatherClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.weather_api_url)

    async def close(self) -> None:
        await self._client.aclose()

    async def outdoor_forecast(self, region: str) -> dict:
        resp = await self._client.get("/v1/forecast", params={"region": region, "hours": 24})
        resp.raise_for_status()
        body = resp.json()
        return {
            "temp_c": body["hourly"]["temperature_2m"],
            "solar_wm2": body["hourly"]["shortwave_radiation"],
        }
