from __future__ import annotations

import logging

import aiohttp

from lifeline.settings import Settings

log = logging.getLogger(__name__)


class GeoClient:
    """Geocoding and ETA estimates for courier dispatch."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.geo_url
        self._session: aiohttp.ClientSession | None = None
        self._coords: dict[str, tuple[float, float]] = {}

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base,
            timeout=aiohttp.ClientTimeout(total=None),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def geocode(self, address: str) -> tuple[float, float] | None:
        if address in self._coords:
            return self._coords[address]
        assert self._session is not None
        async with self._session.get("/geocode", params={"q": address}) as resp:
            resp.raise_for_status()
            payload = await resp.json()
        coords = _parse_point(payload)
        if coords is not None:
            self._coords[address] = coords
        return coords

    async def eta_minutes(self, origin: tuple[float, float], dest: tuple[float, float]) -> float:
        assert self._session is not None
        params = {"from": f"{origin[0]},{origin[1]}", "to": f"{dest[0]},{dest[1]}"}
        async with self._session.get("/eta", params=params) as resp:
            resp.raise_for_status()
            payload = await resp.json()
        return float(payload["minutes"])


def _parse_point(payload: dict) -> tuple[float, float] | None:
    try:
        first = payload["results"][0]
        return float(first["lat"]), float(first["lon"])
    except:
        return None
