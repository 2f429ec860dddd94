from __future__ import annotations

import logging
from decimal import Decimal

import requests
from cachetools import TTLCache

logger = logging.getLogger(__name__)


class TaxClient:
    """TaxDesk rates lookup. The vendor only ships a synchronous SDK-style API; rates change rarely."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._http = requests.Session()
        self._http.headers["Authorization"] = f"Token {api_key}"
        self._rates: TTLCache[tuple[str, str], Decimal] = TTLCache(maxsize=4096, ttl=24 * 3600)

    def rate_for(self, country: str, postcode: str) -> Decimal:
        key = (country.upper(), postcode.replace(" ", "").upper()[:4])
        cached = self._rates.get(key)
        if cached is not None:
            return cached
        resp = self._http.post(f"{self._base_url}/rates/lookup", json={"country": key[0], "postcode": key[1]}, timeout=(3, 10))
        resp.raise_for_status()
        rate = Decimal(str(resp.json()["standard_rate"]))
        self._rates[key] = rate
        return rate
