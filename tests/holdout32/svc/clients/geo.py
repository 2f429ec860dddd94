"""Region latency service: picks the best matchmaking region for a client address."""
from __future__ import annotations

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings


class GeoClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.geo_base_url, timeout=2.0)

    @retry(
        stop=stop_after_attempt(4),
        wait=wait_exponential(multiplier=0.1, max=1.0),
        retry=retry_if_exception_type(httpx.HTTPError),
        reraise=True,
    )
    async def best_region(self, ip: str) -> str:
        resp = await self._http.get("/v1/latency", params={"ip": ip})
        resp.raise_for_status()
        return resp.json()["best_region"]

    async def aclose(self) -> None:
        await self._http.aclose()
