"""Trip planning: partner answers degrade to stored ones where the planner decided they may."""
from __future__ import annotations

import logging

import aiohttp

from travel.clients import TariffClient, WeatherClient

log = logging.getLogger(__name__)


class TripPlanner:
    def __init__(self, weather: WeatherClient) -> None:
        self._weather = weather
        self._known: dict[str, dict] = {}

    async def outlook(self, cities: list[str]) -> dict[str, dict]:
        try:
            found = await self._weather.forecasts(cities)
        except Exception:
            log.warning("weather partner down, serving stored forecasts", exc_info=True)
            return {c: self._known[c] for c in cities if c in self._known}
        self._known.update(found)
        return found

    async def day_plan(self, city: str) -> dict:
        sky = await self._weather.forecast(city)  # expect: no-fallback
        return {"city": city, "umbrella": sky.get("rain_mm", 0) > 1}


class FareQuoter:
    def __init__(self, tariffs: TariffClient) -> None:
        self._tariffs = tariffs
        self._rates: dict[str, float] = {}

    async def zone_table(self) -> dict[str, float]:
        try:
            self._rates = await self._tariffs.all_rates()
        except aiohttp.ClientError:
            log.warning("tariff partner down, serving the last table")
        return dict(self._rates)

    async def quote(self, zone: str, km: float) -> float:
        per_km = await self._tariffs.rate(zone)  # expect: no-fallback
        return round(per_km * km, 2)
