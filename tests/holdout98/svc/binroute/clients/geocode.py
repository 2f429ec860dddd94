from __future__ import annotations

import logging

import httpx

logger = logging.getLogger(__name__)


class Geocoder:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def reverse(self, lat: float, lon: float) -> str | None:
        resp = await self._http.get("/reverse", params={"lat": lat, "lon": lon, "format": "json"})
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return resp.json().get("display_name")


class CouncilGIS:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    async def ward_for(self, lat: float, lon: float) -> str:
        async with httpx.AsyncClient(base_url=self.base_url, timeout=10) as client:
            resp = await client.get("/wards/lookup", params={"lat": lat, "lon": lon})
            resp.raise_for_status()
            return resp.json()["ward_code"]
