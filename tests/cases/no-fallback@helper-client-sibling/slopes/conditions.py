"""Conditions page: the forecast panel is optional, the depth panel was left out of that."""
import logging

import httpx

from slopes.snow import SnowReports

log = logging.getLogger(__name__)


class Conditions:
    def __init__(self, reports: SnowReports) -> None:
        self._reports = reports

    async def forecast_panel(self, area: str) -> dict:
        try:
            return await self._reports.forecast(area)
        except httpx.HTTPError:
            log.warning("forecast provider down for %s", area)
            return {"days": []}

    async def depth_panel(self, area: str) -> dict:
        depth = await self._reports.depth(area)  # expect: no-fallback
        return {"area": area, "base_cm": depth["base"]}
