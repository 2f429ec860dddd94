"""Client for the transcoding API (loudness normalisation, bitrate ladder)."""
from __future__ import annotations

import httpx

from podhost.config import Settings
from podhost.utils.logging import outbound_headers
from podhost.utils.resilience import retry_async


class TranscoderClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.transcoder_url, timeout=httpx.Timeout(10.0))

    async def probe(self, source_url: str) -> dict:
        async def _probe() -> dict:
            resp = await self._client.post("/probe", json={"url": source_url}, headers=outbound_headers())
            resp.raise_for_status()
            return resp.json()

        return await retry_async(_probe, attempts=3, retry_on=(httpx.TransportError,))

    async def submit(self, job_id: int, source_url: str, target_key: str) -> str:
        resp = await self._client.post(
            "/jobs",
            json={"id": job_id, "source": source_url, "target": target_key, "lufs": -16},
            headers=outbound_headers(),
        )
        resp.raise_for_status()
        return resp.json()["remote_id"]

    async def aclose(self) -> None:
        await self._client.aclose()
