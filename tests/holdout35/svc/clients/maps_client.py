"""Maps provider: routing, ETAs and reverse geocoding."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from svc.config import Settings, get_settings
from svc.utils.geo import Point

logger = logging.getLogger(__name__)


class MapsError(RuntimeError):
    pass


@dataclass(slots=True)
class Route:
    distance_m: int
    duration_s: int
    polyline: str


class MapsClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.maps_base_url,
            params={"key": settings.maps_api_key},
            timeout=None,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def route(self, origin: Point, destination: Point) -> Route:
        try:
            resp = await self._client.get(
                "/directions",
                params={"origin": f"{origin.lat},{origin.lng}", "destination": f"{destination.lat},{destination.lng}"},
            )
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise MapsError(f"route lookup failed: {exc}") from exc
        leg = resp.json()["routes"][0]["legs"][0]
        return Route(distance_m=leg["distance"]["value"], duration_s=leg["duration"]["value"], polyline=leg["polyline"])

    async def eta_seconds(self, origin: Point, destination: Point) -> int:
        resp = await self._client.get(
            "/eta",
            params={"origin": f"{origin.lat},{origin.lng}", "destination": f"{destination.lat},{destination.lng}"},
        )
        resp.raise_for_status()
        return int(resp.json()["duration_s"])

    async def eta_matrix(self, origins: list[Point], destination: Point) -> list[int | None]:
        body = {
            "origins": [[p.lat, p.lng] for p in origins],
            "destinations": [[destination.lat, destination.lng]],
        }
        resp = await self._client.post("/matrix", json=body)
        resp.raise_for_status()
        return [row[0] for row in resp.json()["durations"]]


_address_cache: dict[tuple[float, float], str] = {}


async def reverse_geocode(point: Point) -> str | None:
    key = (round(point.lat, 5), round(point.lng, 5))
    if key in _address_cache:
        return _address_cache[key]
    settings = get_settings()
    async with httpx.AsyncClient(base_url=settings.geocoder_base_url, timeout=3.0) as client:
        resp = await client.get("/reverse", params={"lat": point.lat, "lng": point.lng})
    if resp.status_code != 200:
        return None
    address = resp.json().get("formatted_address")
    _address_cache[key] = address
    return address
