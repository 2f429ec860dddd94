"""County GIS parcel-lookup client (ArcGIS REST)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import aiohttp

from svc.errors import UpstreamUnavailableError

log = logging.getLogger(__name__)

_parcel_cache: dict[str, "Parcel"] = {}


@dataclass(frozen=True, slots=True)
class Parcel:
    parcel_id: str
    address: str
    area_sqft: float
    zoning: tuple[str, ...]
    lat: float
    lon: float

    @classmethod
    def from_json(cls, data: dict) -> "Parcel":
        attrs = data["features"][0]["attributes"]
        geom = data["features"][0]["geometry"]
        return cls(
            parcel_id=attrs["PARCEL_ID"],
            address=attrs["SITE_ADDR"],
            area_sqft=float(attrs["AREA_SQFT"]),
            zoning=tuple(z.strip() for z in attrs["ZONING"].split(",")),
            lat=float(geom["y"]),
            lon=float(geom["x"]),
        )


def _backoff(attempt: int) -> None:
    time.sleep(0.25 * (2**attempt))


class GisClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(raise_for_status=True)
        return self._session

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def lookup_parcel(self, parcel_id: str) -> Parcel:
        cached = _parcel_cache.get(parcel_id)
        if cached is not None:
            return cached
        session = self._get_session()
        url = f"{self._base_url}/Parcels/MapServer/0/query"
        params = {"where": f"PARCEL_ID='{parcel_id}'", "outFields": "*", "returnGeometry": "true", "f": "json"}
        for attempt in range(3):
            try:
                async with session.get(url, params=params) as resp:
                    data = await resp.json(content_type=None)
                break
            except aiohttp.ClientError as exc:
                log.warning("gis lookup failed for %s (attempt %d): %s", parcel_id, attempt + 1, exc)
                if attempt == 2:
                    raise UpstreamUnavailableError("parcel lookup unavailable") from exc
                _backoff(attempt)
        parcel = Parcel.from_json(data)
        _parcel_cache[parcel_id] = parcel
        return parcel
