"""Weather (METAR) and NOTAM lookups from the aviation data provider."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

from apron.settings import Settings
from apron.utils.retry import backoff_sleep

log = logging.getLogger(__name__)


class WeatherClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.weather_base_url, timeout=aiohttp.ClientTimeout(total=8)
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def metar(self, icao: str) -> dict[str, Any]:
        # METARs come from a separate host than the NOTAM service.
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
            async with session.get(f"{self._settings.metar_base_url}/metar/{icao}") as resp:
                resp.raise_for_status()
                return await resp.json()

    async def notams(self, icao: str) -> list[dict[str, Any]]:
        assert self._session is not None
        for attempt in range(3):
            try:
                async with self._session.get("/notams", params={"location": icao}) as resp:
                    resp.raise_for_status()
                    return (await resp.json())["items"]
            except aiohttp.ClientError as exc:
                if attempt == 2:
                    raise
                log.info("notam lookup for %s failed: %s", icao, exc)
                backoff_sleep(attempt)
        return []
