"""Internal geocoding service, used to place new shipments on the routing map."""

from __future__ import annotations

import aiohttp


class Geocoder:
    def __init__(self, url: str, timeout_s: float = 4.0) -> None:
        self._url = url
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)

    async def geocode(self, line1: str, postcode: str, country: str) -> tuple[float, float] | None:
        params = {"line1": line1, "postcode": postcode, "country": country}
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            async with session.get(self._url, params=params) as resp:
                if resp.status == 404:
                    return None
                resp.raise_for_status()
                body = await resp.json()
        return float(body["lat"]), float(body["lon"])
