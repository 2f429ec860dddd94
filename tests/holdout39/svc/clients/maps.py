from __future__ import annotations

from dataclasses import dataclass

import httpx

from svc.config import settings
from svc.utils.resilience import CircuitBreaker, with_retry


class GeocodeError(Exception):
    pass


class Geocoder:
    def __init__(self, base_url: str = settings.geocoder_url) -> None:
        self._client = httpx.AsyncClient(base_url=base_url)
        self._cache: dict[str, tuple[float, float]] = {}

    async def close(self) -> None:
        await self._client.aclose()

    async def geocode(self, address: str) -> tuple[float, float]:
        key = address.strip().lower()
        if key in self._cache:
            return self._cache[key]
        resp = await self._client.get("/v1/geocode", params={"q": address})
        if resp.status_code == 404:
            raise GeocodeError(f"address not found: {address}")
        resp.raise_for_status()
        data = resp.json()
        point = (float(data["lat"]), float(data["lon"]))
        self._cache[key] = point
        return point

    @with_retry(attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
    async def reverse(self, lat: float, lon: float) -> str:
        resp = await self._client.get("/v1/reverse", params={"lat": lat, "lon": lon})
        resp.raise_for_status()
        return resp.json()["label"]


@dataclass(frozen=True)
class Route:
    distance_km: float
    duration_s: int


class RoutingClient:
    def __init__(self, base_url: str = settings.routing_url) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=3.0)
        self.breaker = CircuitBreaker("routing", failure_threshold=3, reset_after=15.0)

    async def close(self) -> None:
        await self._client.aclose()

    async def _fetch(self, src: tuple[float, float], dst: tuple[float, float]) -> Route:
        resp = await self._client.get(
            "/route",
            params={"from": f"{src[0]},{src[1]}", "to": f"{dst[0]},{dst[1]}", "profile": "bike"},
        )
        resp.raise_for_status()
        body = resp.json()
        return Route(distance_km=body["distance_m"] / 1000, duration_s=int(body["duration_s"]))

    async def route(self, src: tuple[float, float], dst: tuple[float, float]) -> Route:
        return await self.breaker.call(lambda: self._fetch(src, dst))
