import asyncio
import logging

from grid.clients.weather import WeatherClient

log = logging.getLogger(__name__)


class Refresher:
    """Refreshes each zone's forecast; a failed zone keeps its last forecast (gathered as values)."""

    def __init__(self, weather: WeatherClient, zones: list[str]) -> None:
        self._weather = weather
        self._zones = zones
        self.latest: dict[str, list] = {}

    async def _one(self, zone: str) -> None:
        self.latest[zone] = await self._weather.forecast(zone)

    async def run(self) -> None:
        while True:
            results = await asyncio.gather(*(self._one(z) for z in self._zones), return_exceptions=True)
            failed = sum(isinstance(r, Exception) for r in results)
            if failed:
                log.warning("forecast refresh failed for %d zones; keeping the last ones", failed)
            await asyncio.sleep(300)
