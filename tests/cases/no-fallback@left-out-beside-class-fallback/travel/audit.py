"""Back-office summaries: they read the same partners the trip planner does."""
from __future__ import annotations

from travel.clients import TariffClient, WeatherClient


class AuditService:
    def __init__(self, weather: WeatherClient, tariffs: TariffClient) -> None:
        self._weather = weather
        self._tariffs = tariffs

    async def city_sheet(self, city: str, zone: str) -> dict:
        sky = await self._weather.forecast(city)
        fare = await self._tariffs.rate(zone)
        return {"city": city, "sky": sky.get("summary"), "fare": fare}
