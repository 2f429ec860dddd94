from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import aiohttp

from ..config import Settings

log = logging.getLogger(__name__)


class WeatherProviderError(Exception):
    pass


def _to_float(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class WeatherClient:
    """Snow/weather feed provider (aiohttp, one session for the app's lifetime)."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.weather_api_url.rstrip("/")
        self._key = settings.weather_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"X-Api-Key": self._key, "Accept": "application/json"},
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _get(self, path: str, **params: Any) -> Any:
        assert self._session is not None, "WeatherClient.start() not called"
        try:
            async with self._session.get(f"{self._base}{path}", params=params) as resp:
                resp.raise_for_status()
                return await resp.json()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise WeatherProviderError(f"{path}: {exc}") from exc

    async def fetch_current(self, station_id: str) -> dict[str, Any]:
        data = await self._get(f"/stations/{station_id}/current")
        return self._normalise(station_id, data)

    async def fetch_observations(self, station_id: str, since: datetime) -> list[dict[str, Any]]:
        data = await self._get(f"/stations/{station_id}/observations", since=since.isoformat())
        return [self._normalise(station_id, item) for item in data.get("observations", [])]

    async def fetch_forecast(self, station_id: str, days: int = 3) -> dict[str, Any]:
        return await self._get(f"/stations/{station_id}/forecast", days=days)

    @staticmethod
    def _normalise(station_id: str, item: dict[str, Any]) -> dict[str, Any]:
        return {
            "station_id": station_id,
            "observed_at": datetime.fromisoformat(item["time"]),
            "temperature_c": _to_float(item.get("temp_c")),
            "new_snow_cm": _to_float(item.get("snow_24h_cm")),
            "base_depth_cm": _to_float(item.get("depth_cm")),
            "wind_kph": _to_float(item.get("wind_kph")),
            "raw": item,
        }
