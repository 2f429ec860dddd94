from __future__ import annotations

import httpx

from arenaplay.settings import Settings


class GeoClient:
    """Internal geo/latency service: maps a client IP to the closest game region."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.geo_url)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def region_for(self, ip: str) -> str:
        resp = await self._http.get("/v1/region", params={"ip": ip})
        resp.raise_for_status()
        return resp.json()["region"]
