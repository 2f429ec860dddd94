"""Internal HTTP services: the page renderer and the geo-IP lookup."""
from __future__ import annotations

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import settings


class RendererClient:
    """Rasterises PDF pages for the signing UI."""

    def __init__(self, base_url: str = settings.renderer_url) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    @retry(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.3, max=3.0), retry=retry_if_exception_type(httpx.TransportError), reraise=True)
    async def render_page(self, storage_key: str, page: int, dpi: int = 110) -> bytes:
        resp = await self._http.get(f"/v1/render/{storage_key}/{page}", params={"dpi": dpi, "format": "png"})
        resp.raise_for_status()
        return resp.content

    async def aclose(self) -> None:
        await self._http.aclose()


class GeoIpClient:
    """Resolves client IPs to a coarse location for the completion certificate."""

    def __init__(self, http: httpx.AsyncClient, base_url: str = settings.geoip_url) -> None:
        self._http = http
        self._base = base_url

    async def lookup(self, ip: str) -> str:
        resp = await self._http.get(f"{self._base}/v1/lookup/{ip}")
        resp.raise_for_status()
        data = resp.json()
        return f"{data.get('city') or 'unknown'}, {data.get('country_code') or '--'}"
