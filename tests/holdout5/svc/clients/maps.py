"""Routing / geocoding provider."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import settings
from svc.services.geometry import decode_polyline

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Route:
    distance_m: int
    duration_s: int
    points: list[tuple[float, float]]


class MapsError(Exception):
    pass


def _backoff(attempt: int) -> None:
    time.sleep(min(0.25 * 2**attempt, 2.0))


class MapsClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url=settings.maps_base_url, params={"key": settings.maps_api_key})

    async def aclose(self) -> None:
        await self._client.aclose()

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(httpx.TransportError),
        reraise=True,
    )
    async def route(self, origin: tuple[float, float], dest: tuple[float, float]) -> Route:
        resp = await self._client.get("/v2/route", params={"from": f"{origin[0]},{origin[1]}", "to": f"{dest[0]},{dest[1]}"})
        resp.raise_for_status()
        body = resp.json()["routes"][0]
        return Route(body["distance"], body["duration"], decode_polyline(body["polyline"]))

    async def geocode(self, address: str) -> tuple[float, float]:
        for attempt in range(3):
            try:
                resp = await self._client.get("/v1/geocode", params={"q": address, "limit": 1})
                resp.raise_for_status()
                hit = resp.json()["results"][0]
                return hit["lat"], hit["lng"]
            except httpx.TransportError as exc:
                log.warning("geocode attempt %d failed: %s", attempt + 1, exc)
                _backoff(attempt)
        raise MapsError(f"geocoding failed for {address!r}")

    async def matrix(self, origins: list[tuple[float, float]], dest: tuple[float, float]) -> list[int]:
        payload = {"origins": [list(o) for o in origins], "destinations": [list(dest)]}
        resp = await self._client.post("/v2/matrix", json=payload)
        resp.raise_for_status()
        return [row[0]["duration"] for row in resp.json()["rows"]]


maps = MapsClient()
