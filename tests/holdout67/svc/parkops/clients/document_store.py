"""City document management system (long-term storage for permit evidence and notices)."""
from __future__ import annotations

import httpx

from ..config import Settings
from ..utils.resilience import retry_async


class DocumentStore:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.docstore_base_url, timeout=None)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def archive(self, key: str, data: bytes, content_type: str) -> str:
        async def _put() -> httpx.Response:
            resp = await self._client.put(f"/objects/{key}", content=data, headers={"Content-Type": content_type})
            resp.raise_for_status()
            return resp

        resp = await retry_async(_put, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
        return resp.headers.get("Location", f"/objects/{key}")
