import asyncio
import logging

from grid.clients.weather import WeatherClient

log = logging.getLogger(__name__)


class Planner:
    def __init__(self, weather: WeatherClient, sites: list[str]) -> None:
        self._weather = weather
        self._sites = sites

    async def run(self) -> None:
        while True:
            try:
                await self.plan_all()
            except Exception:
                log.exception("planning cycle failed")
            await asyncio.sleep(60)

    async def plan_all(self) -> None:
        for zone in self._sites:
            hours = await self._weather.forecast(zone)  # expect: no-fallback
            log.info("zone %s: %d hours planned", zone, len(hours))
