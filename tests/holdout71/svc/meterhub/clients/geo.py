"""Location services: address geocoding for outage reports and degree-day
data for usage charts."""
from __future__ import annotations

import logging
from datetime import date

import httpx
import requests

from ..config import get_settings

log = logging.getLogger(__name__)


class Geocoder:
    """Resolves free-text addresses from outage reports to coordinates."""

    def __init__(self) -> None:
        self._url = get_settings().geocoder_url
        self._cache: dict[str, tuple[float, float] | None] = {}

    async def locate(self, address: str) -> tuple[float, float] | None:
        key = " ".join(address.lower().split())
        if key in self._cache:
            return self._cache[key]
        resp = requests.get(f"{self._url}/search", params={"q": address, "limit": 1}, timeout=4)
        resp.raise_for_status()
        hits = resp.json().get("features", [])
        coords = None
        if hits:
            lon, lat = hits[0]["geometry"]["coordinates"]
            coords = (lat, lon)
        self._cache[key] = coords
        return coords


class WeatherClient:
    """Heating/cooling degree days used to annotate usage charts."""

    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url=get_settings().weather_url)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def degree_days(self, postcode: str, start: date, end: date) -> list[dict]:
        resp = await self._client.get(
            "/degree-days", params={"postcode": postcode, "from": start.isoformat(), "to": end.isoformat()}
        )
        resp.raise_for_status()
        return resp.json()["days"]
