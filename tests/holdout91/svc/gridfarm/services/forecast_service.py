from __future__ import annotations

import json
import logging
import math
from datetime import datetime, timedelta
from typing import Any

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.memo import recall_forecast, remember_forecast
from ..clients.weather import WeatherClient
from ..db.models import Site
from ..repositories.forecasts import ForecastRepository
from ..utils.timeutil import hour_floor, hours_between, utcnow

log = logging.getLogger(__name__)

# simplified power curve: (wind m/s, fraction of rated)
POWER_CURVE = ((3.0, 0.0), (5.0, 0.08), (7.0, 0.25), (9.0, 0.52), (11.0, 0.82), (12.5, 1.0), (25.0, 1.0))
SITE_COORDS: dict[str, tuple[float, float]] = {}


def wind_to_fraction(speed: float) -> float:
    if speed < POWER_CURVE[0][0] or speed > POWER_CURVE[-1][0]:
        return 0.0
    for (s0, f0), (s1, f1) in zip(POWER_CURVE, POWER_CURVE[1:]):
        if s0 <= speed <= s1:
            return f0 + (f1 - f0) * (speed - s0) / (s1 - s0)
    return 0.0


def clear_sky_ghi(lat: float, hours: list[datetime]) -> list[float]:
    """Rough clear-sky irradiance used to cap solar forecasts (Haurwitz model)."""
    out = []
    for ts in hours:
        day_of_year = ts.timetuple().tm_yday
        decl = 23.45 * math.sin(math.radians(360 / 365 * (284 + day_of_year)))
        hour_angle = 15 * (ts.hour + ts.minute / 60 - 12)
        cos_zenith = (math.sin(math.radians(lat)) * math.sin(math.radians(decl))
                      + math.cos(math.radians(lat)) * math.cos(math.radians(decl)) * math.cos(math.radians(hour_angle)))
        out.append(1098 * cos_zenith * math.exp(-0.057 / cos_zenith) if cos_zenith > 0 else 0.0)
    return out


def to_hourly_kw(site: Site, raw: dict[str, Any]) -> list[float]:
    if site.kind == "solar":
        return [min(site.capacity_kw, ghi / 1000.0 * site.capacity_kw * 0.82) for ghi in raw["ghi"]]
    return [wind_to_fraction(v) * site.capacity_kw for v in raw["wind_speed_100m"]]


class ForecastService:
    def __init__(self, weather: WeatherClient, redis_client: redis.Redis) -> None:
        self._weather = weather
        self._redis = redis_client

    async def production(self, session: AsyncSession, site: Site, horizon: datetime) -> list[float]:
        horizon = hour_floor(horizon)
        memo = recall_forecast(site.id, horizon)
        if memo is not None:
            return memo
        key = f"forecast:{site.id}:{horizon.isoformat()}"
        cached = await self._redis.get(key)
        if cached is not None:
            return json.loads(cached)
        lat, lon = SITE_COORDS.get(site.code, (55.0, 10.0))
        raw = await self._weather.hourly(lat, lon, horizon)
        hourly = to_hourly_kw(site, raw)
        if site.kind == "solar":
            hours = hours_between(horizon, horizon + timedelta(hours=len(hourly)))
            ceiling = clear_sky_ghi(lat, hours)
            hourly = [min(kw, ghi / 1000.0 * site.capacity_kw) for kw, ghi in zip(hourly, ceiling)]
        await ForecastRepository(session).save(site.id, horizon, utcnow(), hourly)
        await session.commit()
        await self._redis.set(key, json.dumps(hourly))
        remember_forecast(site.id, horizon, hourly)
        return hourly

    async def refresh(self, session: AsyncSession, sites: list[Site]) -> int:
        horizon = hour_floor(utcnow())
        repo = ForecastRepository(session)
        done = 0
        for site in sites:
            lat, lon = SITE_COORDS.get(site.code, (55.0, 10.0))
            forecast = await self._weather.hourly(lat, lon, horizon, hours=72)
            await repo.save(site.id, horizon, utcnow(), to_hourly_kw(site, forecast))
            done += 1
        await session.commit()
        return done

    async def stored_or_empty(self, session: AsyncSession, site_id: int) -> list[float]:
        latest = await ForecastRepository(session).most_recent_any(site_id)
        return list(latest.hourly_kw) if latest else []
