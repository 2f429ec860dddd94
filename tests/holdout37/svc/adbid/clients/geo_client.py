"""IP geolocation used to enrich bid requests that arrive without device.geo."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from adbid.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GeoInfo:
    country: str | None
    region: str | None = None
    is_datacenter: bool = False

    @classmethod
    def unknown(cls) -> "GeoInfo":
        return cls(country=None)


class GeoClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.geo_url,
            timeout=httpx.Timeout(settings.geo_timeout_ms / 1000),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )
        self._cache: dict[str, GeoInfo] = {}

    async def lookup(self, ip: str) -> GeoInfo:
        cached = self._cache.get(ip)
        if cached is not None:
            return cached
        try:
            resp = await self._client.get(f"/v1/ip/{ip}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.debug("geo lookup failed for %s: %s", ip, exc)
            return GeoInfo.unknown()
        body = resp.json()
        info = GeoInfo(
            country=body.get("country_code"),
            region=body.get("region"),
            is_datacenter=bool(body.get("datacenter")),
        )
        self._cache[ip] = info
        return info

    async def aclose(self) -> None:
        await self._client.aclose()
