"""Address geocoding used when landlords publish listings."""
from __future__ import annotations

import functools
import re

import requests

from svc.config import settings

_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def postal_prefix(postal_code: str) -> str:
    return postal_code.replace(" ", "").upper()[:3]


class Geocoder:
    def __init__(self, api_key: str = "") -> None:
        self._api_key = api_key
        self._http = requests.Session()

    @functools.lru_cache(maxsize=None)
    def normalise(self, raw_address: str) -> str:
        return _WS.sub(" ", raw_address).strip().title()

    def lookup(self, address: str) -> tuple[float, float] | None:
        resp = self._http.get(f"{settings.geocoder_url}/search", params={"q": self.normalise(address), "key": self._api_key}, timeout=5)
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        hit = resp.json()["results"][0]
        return float(hit["lat"]), float(hit["lon"])


geocoder = Geocoder()
