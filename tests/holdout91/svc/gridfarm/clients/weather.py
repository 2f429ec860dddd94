from __future__ import annotations

from datetime import datetime
from typing import Any

import aiohttp


class WeatherClient:
    """Numerical weather forecasts: hub-height wind and global horizontal irradiance."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
            headers={"X-Api-Key": self._api_key},
        )

    async def hourly(self, lat: float, lon: float, start: datetime, hours: int = 48) -> dict[str, Any]:
        assert self._session is not None
        params = {"lat": lat, "lon": lon, "start": start.isoformat(), "hours": hours,
                  "fields": "wind_speed_100m,ghi,temperature"}
        async with self._session.get(f"{self._base_url}/v1/forecast", params=params) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
