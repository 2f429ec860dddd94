from __future__ import annotations

import asyncio
import logging

import httpx

from portops.errors import UpstreamError

log = logging.getLogger(__name__)


class PlateOcrClient:
    """Licence plate and container-number recognition from the gate lane cameras."""

    def __init__(self, base_url: str, attempts: int = 3) -> None:
        self._base_url = base_url
        self._attempts = attempts

    async def recognise(self, lane: int, image: bytes) -> dict:
        last_error: Exception | None = None
        for attempt in range(self._attempts):
            async with httpx.AsyncClient(base_url=self._base_url, timeout=8.0) as client:
                try:
                    response = await client.post(f"/lanes/{lane}/recognise", content=image)
                    response.raise_for_status()
                    return response.json()
                except httpx.HTTPError as exc:
                    last_error = exc
                    await asyncio.sleep(0.25 * (2**attempt))
        raise UpstreamError("plate recognition failed", lane=lane) from last_error
