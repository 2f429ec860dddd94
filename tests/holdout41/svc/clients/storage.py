from __future__ import annotations

import hashlib
import hmac
import logging
import time
from urllib.parse import quote

import httpx

from svc.config import Settings
from svc.utils.resilience import retry_async


log = logging.getLogger(__name__)


class StorageClient:
    """Minimal object-storage client (S3-compatible PUT/DELETE + signed GET URLs)."""

    def __init__(self, settings: Settings, signing_key: str = "") -> None:
        self._bucket = settings.storage_bucket
        self._base = settings.storage_url.rstrip("/")
        self._key = signing_key.encode()
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.storage_timeout, connect=2.0),
            limits=httpx.Limits(max_connections=32),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    def _url(self, key: str) -> str:
        return f"{self._base}/{self._bucket}/{quote(key)}"

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        async def once() -> None:
            resp = await self._http.put(self._url(key), content=data, headers={"content-type": content_type})
            resp.raise_for_status()

        await retry_async(once, attempts=4, base_delay=0.5, retry_on=(httpx.TransportError,), op="storage.put")

    async def delete(self, key: str) -> None:
        resp = await self._http.delete(self._url(key))
        if resp.status_code not in (200, 204, 404):
            resp.raise_for_status()

    def signed_url(self, key: str, ttl: int = 3600) -> str:
        expires = int(time.time()) + ttl
        sig = hmac.new(self._key, f"{key}:{expires}".encode(), hashlib.sha256).hexdigest()
        return f"{self._url(key)}?expires={expires}&sig={sig}"
