"""Address geocoding for the 'nearest branch' search (sync client; run it in a thread)."""
from __future__ import annotations

import requests


class Geocoder:
    def __init__(self, url: str, user_agent: str = "roam-backend/3") -> None:
        self._url = url
        self._session = requests.Session()
        self._session.headers["User-Agent"] = user_agent
        self._cache: dict[str, tuple[float, float]] = {}

    def lookup(self, address: str) -> tuple[float, float]:
        key = " ".join(address.lower().split())
        if key in self._cache:
            return self._cache[key]
        resp = self._session.get(self._url, params={"q": address, "limit": 1})
        resp.raise_for_status()
        features = resp.json().get("features", [])
        if not features:
            raise LookupError(address)
        lon, lat = features[0]["geometry"]["coordinates"]
        self._cache[key] = (lat, lon)
        return lat, lon
