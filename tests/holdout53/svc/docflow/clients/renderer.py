"""Client for the external HTML->PDF rendering service."""
from __future__ import annotations

import logging

import httpx

from docflow.config import get_settings
from docflow.errors import RenderError

log = logging.getLogger(__name__)


class RendererClient:
    def __init__(self) -> None:
        settings = get_settings()
        self._client = httpx.AsyncClient(
            base_url=settings.renderer_url,
            timeout=None,
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )

    async def render_pdf(self, html: str, *, title: str) -> bytes:
        response = await self._client.post(
            "/v1/render", json={"html": html, "title": title, "format": "A4"}
        )
        if response.status_code >= 400:
            raise RenderError(f"renderer returned {response.status_code}")
        return response.content

    async def healthy(self) -> bool:
        try:
            r = await self._client.get("/healthz", timeout=2.0)
        except httpx.HTTPError:
            return False
        return r.status_code == 200

    async def aclose(self) -> None:
        await self._client.aclose()


renderer = RendererClient()
