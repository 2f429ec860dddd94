"""Clients for the reverse geocoder and the road speed-limit service."""
from __future__ import annotations

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter


class Geocoder:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._timeout = aiohttp.ClientTimeout(total=3, connect=1)
        self._session: aiohttp.ClientSession | None = None
        self._labels: dict[tuple[float, float], str] = {}

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, timeout=self._timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.2, max=2.0),
        retry=retry_if_exception_type(aiohttp.ClientError),
        reraise=True,
    )
    async def reverse(self, lat: float, lon: float) -> str:
        key = (round(lat, 3), round(lon, 3))
        label = self._labels.get(key)
        if label is not None:
            return label
        assert self._session is not None
        async with self._session.get("/v1/reverse", params={"lat": lat, "lon": lon}) as resp:
            resp.raise_for_status()
            data = await resp.json()
        label = data.get("display_name", "")
        self._labels[key] = label
        return label


class RoadSpeedClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, raise_for_status=True)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def speed_limit(self, lat: float, lon: float) -> float:
        assert self._session is not None
        async with self._session.get("/v2/speed-limit", params={"lat": lat, "lon": lon}) as resp:
            body = await resp.json()
        return float(body["limit_kph"])
