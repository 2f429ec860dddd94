"""LPWAN network server: downlinks (config pushes) to bin sensors."""
from __future__ import annotations

import base64
import logging

import aiohttp

from ..settings import Settings

logger = logging.getLogger(__name__)


class NetworkServerClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.lns_base_url
        self._key = settings.lns_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {self._key}"},
            timeout=aiohttp.ClientTimeout(total=15, connect=3),
        )

    async def queue_downlink(self, dev_eui: str, port: int, payload: bytes) -> None:
        assert self._session is not None
        body = {"deviceQueueItem": {"fPort": port, "data": base64.b64encode(payload).decode(), "confirmed": False}}
        async with self._session.post(f"{self._base}/devices/{dev_eui}/queue", json=body) as resp:
            resp.raise_for_status()
        logger.info("queued downlink for %s on port %d", dev_eui, port)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
