from __future__ import annotations

import json
import logging
from typing import Any

import requests
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.weather_client import WeatherClient, WeatherProviderError
from ..config import Settings
from ..repos.weather_repo import WeatherRepository

log = logging.getLogger(__name__)

CONDITIONS_TTL_S = 300


def _to_imperial(obs: dict[str, Any]) -> dict[str, Any]:
    out = dict(obs)
    if obs.get("temperature") is not None:
        out["temperature"] = round(obs["temperature"] * 9 / 5 + 32, 1)
    for key in ("new_snow", "base_depth"):
        if obs.get(key) is not None:
            out[key] = round(obs[key] / 2.54, 1)
    return out


class WeatherService:
    def __init__(
        self, client: WeatherClient, redis: Redis, session: AsyncSession, settings: Settings
    ) -> None:
        self._client = client
        self._redis = redis
        self._repo = WeatherRepository(session)
        self._settings = settings

    async def current_conditions(self, station_id: str, units: str) -> dict[str, Any]:
        cache_key = f"conditions:{station_id}"
        cached = await self._redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)
        data = await self._client.fetch_current(station_id)
        result = {
            "station_id": station_id,
            "observed_at": data["observed_at"].isoformat(),
            "temperature": data["temperature_c"],
            "new_snow": data["new_snow_cm"],
            "base_depth": data["base_depth_cm"],
            "units": "metric",
        }
        if units == "imperial":
            result = _to_imperial(result) | {"units": "imperial"}
        await self._redis.set(cache_key, json.dumps(result), ex=CONDITIONS_TTL_S)
        return result

    async def forecast(self, station_id: str) -> dict[str, Any]:
        try:
            return {"stale": False, **await self._client.fetch_forecast(station_id)}
        except WeatherProviderError:
            log.warning("forecast provider unavailable, serving last observation", exc_info=True)
            latest = await self._repo.latest(station_id)
            if latest is None:
                return {"stale": True, "days": []}
            return {
                "stale": True,
                "observed_at": latest.observed_at.isoformat(),
                "base_depth_cm": latest.base_depth_cm,
                "days": [],
            }

    async def avalanche_bulletin(self) -> dict[str, Any]:
        resp = requests.get(self._settings.avalanche_bulletin_url, timeout=5)
        resp.raise_for_status()
        bulletin = resp.json()
        return {"danger": bulletin.get("danger_rating"), "issued": bulletin.get("issued_at")}
