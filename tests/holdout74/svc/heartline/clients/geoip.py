"""IP geolocation, used when a profile has no stored location yet."""
from __future__ import annotations

import asyncio
import logging

import aiohttp

from ..settings import Settings

log = logging.getLogger(__name__)


class GeoIPClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.geoip_url.rstrip("/")

    async def locate(self, ip: str) -> tuple[float, float] | None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
            try:
                async with session.get(f"{self._base_url}/v1/lookup/{ip}") as resp:
                    if resp.status != 200:
                        return None
                    body = await resp.json()
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                log.info("geoip lookup for %s failed: %s", ip, exc)
                return None
        return float(body["latitude"]), float(body["longitude"])
