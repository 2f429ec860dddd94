from __future__ import annotations

import logging

from ..clients.weather import WeatherClient
from ..repositories.sites import SiteRepository
from ..services.forecast_service import ForecastService
from .context import WorkerContext

log = logging.getLogger(__name__)


async def refresh_forecasts(ctx: WorkerContext) -> None:
    weather = WeatherClient(ctx.settings.weather_api_url, ctx.settings.weather_api_key)
    await weather.start()
    try:
        service = ForecastService(weather, ctx.redis)
        async with ctx.sessions() as session:
            sites = list(await SiteRepository(session).all())
            refreshed = await service.refresh(session, sites)
        log.info("refreshed forecasts for %d sites", refreshed)
    finally:
        await weather.close()
