import logging

from grid.clients.weather import WeatherClient
from grid.errors import WeatherDown

log = logging.getLogger(__name__)


class PricingService:
    def __init__(self, weather: WeatherClient) -> None:
        self._weather = weather

    async def quote(self, zone: str, kwh: float) -> float:
        rate = 0.30
        try:
            now = await self._weather.current(zone)
        except WeatherDown:
            log.warning("weather unavailable for %s; flat rate", zone)
        else:
            rate += 0.05 if now["temp_c"] < 0 else 0.0
        return rate * kwh
