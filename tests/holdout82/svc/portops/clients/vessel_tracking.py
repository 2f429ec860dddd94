from __future__ import annotations

import logging
from datetime import datetime

import aiohttp

log = logging.getLogger(__name__)


class VesselTrackingClient:
    """AIS-based ETA predictions from the shipping lines' tracking feed."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15, connect=3))

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def predicted_eta(self, imo: str) -> datetime:
        assert self._session is not None, "client not started"
        async with self._session.get(f"{self._base_url}/vessels/{imo}/eta") as response:
            response.raise_for_status()
            body = await response.json()
        return datetime.fromisoformat(body["eta"])
