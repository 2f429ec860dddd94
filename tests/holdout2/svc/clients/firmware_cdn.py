"""Firmware images and the release manifest published by the hardware team's CDN."""
from __future__ import annotations

import asyncio
import logging
import random
from typing import Any

import httpx

from svc.errors import UpstreamError

log = logging.getLogger(__name__)

_MAX_ATTEMPTS = 4


class FirmwareCDN:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, follow_redirects=True)

    async def fetch_manifest(self) -> list[dict[str, Any]]:
        delay = 0.5
        for attempt in range(1, _MAX_ATTEMPTS + 1):
            try:
                resp = await self._client.get("/manifest.json")
                resp.raise_for_status()
                return list(resp.json()["releases"])
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                if attempt == _MAX_ATTEMPTS:
                    raise UpstreamError("firmware manifest unavailable") from exc
                log.warning("manifest fetch attempt %d failed: %s", attempt, exc)
                await asyncio.sleep(delay + random.uniform(0, delay))
                delay *= 2
        raise AssertionError("unreachable")

    async def download(self, path: str, *, max_bytes: int) -> bytes:
        chunks: list[bytes] = []
        received = 0
        try:
            async with self._client.stream("GET", path) as resp:
                resp.raise_for_status()
                async for chunk in resp.aiter_bytes():
                    received += len(chunk)
                    if received > max_bytes:
                        raise UpstreamError(f"{path} is larger than {max_bytes} bytes")
                    chunks.append(chunk)
        except httpx.HTTPError as exc:
            raise UpstreamError(f"download of {path} failed") from exc
        return b"".join(chunks)

    async def aclose(self) -> None:
        await self._client.aclose()
