"""Hosted OCR: slow by nature, given a generous read timeout."""
from __future__ import annotations

import httpx


class OcrClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(45.0, connect=3.0))

    async def extract(self, blob: bytes) -> str:
        resp = await self._http.post("/v2/extract", content=blob)  # expect: no-circuit-breaker
        resp.raise_for_status()
        return resp.json()["text"]
