from __future__ import annotations

import logging

import aiohttp

from glide.core.cache import TTLCache

log = logging.getLogger(__name__)


class MapsClient:
    def __init__(self, base_url: str) -> None:
        self._base = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None
        self._geocode_cache: dict[tuple[float, float], str] = {}
        self._eta_cache: TTLCache[tuple[float, float, float, float], int] = TTLCache(maxsize=5000, ttl=300)

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(base_url=self._base)
        return self._session

    async def reverse_geocode(self, lat: float, lon: float) -> str:
        key = (round(lat, 5), round(lon, 5))
        cached = self._geocode_cache.get(key)
        if cached is not None:
            return cached
        async with self._get_session().get("/reverse", params={"lat": lat, "lon": lon}) as resp:
            resp.raise_for_status()
            data = await resp.json()
        address = data.get("display_name", "")
        self._geocode_cache[key] = address
        return address

    async def travel_seconds(self, origin: tuple[float, float], dest: tuple[float, float]) -> int:
        key = (round(origin[0], 3), round(origin[1], 3), round(dest[0], 3), round(dest[1], 3))
        cached = self._eta_cache.get(key)
        if cached is not None:
            return cached
        async with self._get_session().get(
            "/route",
            params={"from": f"{origin[0]},{origin[1]}", "to": f"{dest[0]},{dest[1]}", "profile": "van"},
            timeout=aiohttp.ClientTimeout(total=5),
        ) as resp:
            resp.raise_for_status()
            data = await resp.json()
        seconds = int(data["duration"])
        self._eta_cache.set(key, seconds)
        return seconds

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
