from __future__ import annotations

import httpx

from svc.config import settings

class ExportStorage:
    """Uploads finished exports to the object store and returns a pre-signed URL."""

    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.storage_base,
            headers={"Authorization": f"Bearer {settings.storage_token}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def upload(self, key: str, data: bytes, content_type: str = "text/csv") -> str:
        resp = await self._client.put(f"/{key}", content=data, headers={"Content-Type": content_type})
        resp.raise_for_status()
        signed = await self._client.post(f"/{key}:sign", json={"expires_in": 86400})
        signed.raise_for_status()
        return signed.json()["url"]
