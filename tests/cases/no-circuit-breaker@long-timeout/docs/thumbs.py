"""Thumbnail service: answers fast or not at all, so the limit is short."""
from __future__ import annotations

import httpx


class ThumbClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(4.0, connect=1.0))

    async def thumb(self, doc_id: int) -> bytes:
        resp = await self._http.get(f"/thumbs/{doc_id}")
        resp.raise_for_status()
        return resp.content
