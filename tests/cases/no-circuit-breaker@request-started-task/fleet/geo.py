"""Reverse geocoder client: retried on transient errors, no breaker."""
from __future__ import annotations

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class Geocoder:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=3))

    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2.0),
           retry=retry_if_exception_type(aiohttp.ClientError), reraise=True)
    async def reverse(self, lat: float, lon: float) -> str:
        async with self._session.get("/v1/reverse", params={"lat": lat, "lon": lon}) as resp:  # expect: no-circuit-breaker
            resp.raise_for_status()
            return (await resp.json())["display_name"]


class Elevation:
    """Looked up once at startup for the depot; no request reaches it."""

    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=3))

    @retry(stop=stop_after_attempt(3), reraise=True)
    async def height(self, lat: float, lon: float) -> float:
        async with self._session.get("/v1/height", params={"lat": lat, "lon": lon}) as resp:
            resp.raise_for_status()
            return float((await resp.json())["metres"])
