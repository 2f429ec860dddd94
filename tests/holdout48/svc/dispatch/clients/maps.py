"""Routing provider: ETA and distance between two points."""
from __future__ import annotations

from dataclasses import dataclass

import aiohttp

from dispatch.config import Settings


@dataclass(frozen=True, slots=True)
class Route:
    distance_m: int
    duration_s: int


class MapsClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.maps_base_url
        self._key = settings.maps_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=3.0, connect=1.0),
            connector=aiohttp.TCPConnector(limit=100, ttl_dns_cache=300),
        )

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def route(self, origin: tuple[float, float], dest: tuple[float, float]) -> Route:
        assert self._session is not None
        params = {
            "from": f"{origin[0]},{origin[1]}",
            "to": f"{dest[0]},{dest[1]}",
            "key": self._key,
        }
        async with self._session.get(f"{self._base}/v1/route", params=params) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return Route(distance_m=int(body["distance"]), duration_s=int(body["duration"]))
