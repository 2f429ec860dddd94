from __future__ import annotations

import logging

import httpx

from ..settings import Settings

logger = logging.getLogger(__name__)


class PushGateway:
    """Pushes notifications to housekeeper handhelds that are not currently connected."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.push_gateway_url)

    async def send(self, device_id: str, title: str, body: dict) -> None:
        resp = await self._http.post("/v1/push", json={"device": device_id, "title": title, "data": body})
        resp.raise_for_status()

    async def aclose(self) -> None:
        await self._http.aclose()
