from __future__ import annotations

import asyncio
import logging
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from svc.settings import Settings

logger = logging.getLogger(__name__)

_NOISE_TOKENS = frozenset({"n/a", "na", "-", "none", "unknown", "tbd"})


@dataclass(slots=True, frozen=True)
class GeoPoint:
    lat: float
    lon: float
    confidence: float


class Geocoder:
    """Forward geocoding with a small in-process cache."""

    def __init__(self, settings: Settings, max_cache: int = 20_000) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.geocoder_base_url,
            params={"key": settings.geocoder_api_key},
            headers={"Accept": "application/json"},
        )
        self._cache: dict[str, GeoPoint] = {}
        self._max_cache = max_cache
        self._lock = asyncio.Lock()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def geocode(self, address: str, country: str) -> GeoPoint | None:
        key = normalize_address(address, country)
        if not key:
            return None
        async with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                cached = await self._lookup(key, country)
                if cached is not None:
                    if len(self._cache) >= self._max_cache:
                        self._cache.pop(next(iter(self._cache)))
                    self._cache[key] = cached
        return cached

    async def _lookup(self, query: str, country: str) -> GeoPoint | None:
        resp = await self._client.get("/search", params={"q": query, "country": country, "limit": 1})
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return _parse_point(resp.json())


def _parse_point(payload: dict[str, Any]) -> GeoPoint | None:
    try:
        best = payload["results"][0]
        return GeoPoint(
            lat=float(best["lat"]),
            lon=float(best["lon"]),
            confidence=float(best.get("confidence", 0.0)),
        )
    except:
        logger.info("geocoder returned no usable result")
        return None


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """Parse the ``"lat,lon"`` strings sent by the handheld scanners."""
    try:
        lat_s, lon_s = text.split(",", 1)
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return lat, lon


def normalize_address(address: str, country: str) -> str:
    text = unicodedata.normalize("NFKC", address)
    text = text.replace("\n", ", ").replace("\t", " ")
    parts: list[str] = []
    for raw in text.split(","):
        part = " ".join(raw.split())
        part = part.strip(" .;")
        if not part or part.lower() in _NOISE_TOKENS:
            continue
        parts.append(part.title() if part.isupper() else part)
    if country:
        country = country.strip().upper()
        if parts and parts[-1].upper() == country:
            parts.pop()
        parts.append(country)
    return ", ".join(parts)
