from __future__ import annotations

import httpx

NOMINATIM_URL = "https://nominatim.openstreetmap.org/reverse"


async def reverse_geocode(lat: float, lon: float) -> str | None:
    async with httpx.AsyncClient(timeout=4.0, headers={"User-Agent": "fieldwise/2"}) as client:
        resp = await client.get(NOMINATIM_URL, params={"lat": lat, "lon": lon, "format": "json"})
        if resp.status_code != 200:
            return None
        return resp.json().get("display_name")
