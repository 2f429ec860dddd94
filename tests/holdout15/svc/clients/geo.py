"""Geocoding and routing (Routely)."""
from __future__ import annotations

import math

import httpx
import requests

from svc.config import get_settings


def geocode(address: str) -> tuple[float, float]:
    settings = get_settings()
    resp = requests.get(settings.geocoder_url, params={"q": address, "limit": 1}, timeout=4)
    resp.raise_for_status()
    hit = resp.json()["results"][0]
    return float(hit["lat"]), float(hit["lng"])


def reverse_geocode(lat: float, lng: float) -> str:
    settings = get_settings()
    resp = requests.get(f"{settings.geocoder_url}/reverse", params={"lat": lat, "lng": lng}, timeout=4)
    resp.raise_for_status()
    return str(resp.json()["label"])


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class MapsClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url
        self._api_key = api_key

    async def eta_minutes(self, origin: tuple[float, float], destination: tuple[float, float]) -> float:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=3.0) as client:
            resp = await client.get(
                "/v1/eta",
                params={"from": f"{origin[0]},{origin[1]}", "to": f"{destination[0]},{destination[1]}"},
                headers={"X-Api-Key": self._api_key},
            )
            resp.raise_for_status()
            return float(resp.json()["minutes"])
