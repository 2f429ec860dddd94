from __future__ import annotations

import json
import time
from datetime import datetime
from functools import lru_cache
from typing import Any

import httpx
import redis.asyncio as aioredis

from fieldwise.clients.geocode import reverse_geocode
from fieldwise.clients.weather import WeatherClient
from fieldwise.logging_setup import get_logger
from fieldwise.utils.retry import CircuitOpen

log = get_logger(__name__)

FORECAST_TTL_S = 1800


class WeatherService:
    def __init__(self, client: WeatherClient, redis: aioredis.Redis) -> None:
        self._client = client
        self._redis = redis
        self._hourly: dict[tuple[float, float, str], dict[str, Any]] = {}

    @staticmethod
    def _key(lat: float, lon: float, days: int) -> str:
        return f"wx:forecast:{lat:.2f}:{lon:.2f}:{days}"

    async def forecast(self, lat: float, lon: float, days: int = 5) -> dict[str, Any]:
        key = self._key(lat, lon, days)
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        try:
            data = await self._client.forecast(lat, lon, days)
        except (httpx.HTTPError, CircuitOpen) as exc:
            stale = await self._redis.get(f"{key}:stale")
            if stale is None:
                raise
            log.warning("weather.serving_stale", lat=lat, lon=lon, error=repr(exc))
            return {**json.loads(stale), "stale": True}
        payload = json.dumps(data)
        await self._redis.set(key, payload, ex=FORECAST_TTL_S)
        await self._redis.set(f"{key}:stale", payload, ex=7 * 86_400)
        return data

    async def current(self, lat: float, lon: float) -> dict[str, Any]:
        hour = datetime.utcnow().strftime("%Y%m%d%H")
        hit = self._hourly.get((round(lat, 2), round(lon, 2), hour))
        if hit is not None:
            return hit
        for attempt in range(3):
            try:
                data = await self._client.current(lat, lon)
                break
            except httpx.TransportError:
                if attempt == 2:
                    raise
                time.sleep(0.5 * (attempt + 1))
        self._hourly[(round(lat, 2), round(lon, 2), hour)] = data
        return data

    async def min_temp_next_hours(self, lat: float, lon: float, hours: int = 12) -> float | None:
        data = await self.forecast(lat, lon, days=2)
        temps = [h["temp_c"] for h in data.get("hourly", [])[:hours]]
        return min(temps) if temps else None


@lru_cache(maxsize=512)
async def region_label(lat: float, lon: float) -> str:
    name = await reverse_geocode(round(lat, 2), round(lon, 2))
    return name or f"{lat:.2f},{lon:.2f}"
