from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import httpx

from ..errors import GeocodeError
from ..utils.redis_helpers import JsonCache

log = logging.getLogger(__name__)

# Recently verified street segments, kept hot for repeat callers.
_GEOCODE_MEMO: dict[str, dict] = {}


@dataclass(slots=True)
class VerifiedAddress:
    formatted: str
    lat: float
    lon: float
    esn: str | None
    confidence: float


def _cache_key(raw: str, city: str | None) -> str:
    norm = " ".join(raw.upper().split()) + "|" + (city or "").upper()
    return hashlib.sha1(norm.encode()).hexdigest()


class AddressVerifier:
    """Client for the county address-verification (MSAG/geocode) API."""

    def __init__(self, http: httpx.AsyncClient, cache: JsonCache, api_key: str) -> None:
        self._http = http
        self._cache = cache
        self._api_key = api_key

    async def verify(self, raw_address: str, *, city: str | None = None) -> VerifiedAddress:
        key = _cache_key(raw_address, city)
        if key in _GEOCODE_MEMO:
            return VerifiedAddress(**_GEOCODE_MEMO[key])
        cached = await self._cache.get(key)
        if cached is not None:
            return VerifiedAddress(**cached)
        try:
            resp = await self._http.post("/verify", json={"address": raw_address, "city": city}, headers={"x-api-key": self._api_key})
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise GeocodeError(f"address verification rejected ({exc.response.status_code})")
        body = resp.json()
        if not body.get("matches"):
            raise GeocodeError(f"no MSAG match for {raw_address!r}")
        best = body["matches"][0]
        result = {
            "formatted": best["formatted"],
            "lat": best["location"]["lat"],
            "lon": best["location"]["lon"],
            "esn": best.get("esn"),
            "confidence": best.get("score", 0.0),
        }
        await self._cache.set(key, result, ttl=6 * 3600)
        _GEOCODE_MEMO[key] = result
        return VerifiedAddress(**result)
