"""Object storage client (S3-compatible gateway)."""
from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import quote

import httpx

from podhost.config import Settings
from podhost.utils.logging import outbound_headers
from podhost.utils.resilience import retry_async


class StorageError(Exception):
    pass


class StorageClient:
    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.storage_bucket
        self._cdn = settings.cdn_base_url
        self._secret = settings.feed_token_secret
        self._client = httpx.AsyncClient(base_url=settings.storage_url, timeout=None)

    def public_url(self, key: str) -> str:
        return f"{self._cdn}/{quote(key)}"

    def presign(self, key: str, expires_in: int = 900) -> str:
        expires = int(time.time()) + expires_in
        sig = hmac.new(self._secret.encode(), f"{key}:{expires}".encode(), hashlib.sha256).hexdigest()
        return f"{self._cdn}/{quote(key)}?e={expires}&s={sig}"

    async def put_object(self, key: str, data: bytes, content_type: str = "audio/mpeg") -> None:
        resp = await self._client.put(
            f"/{self._bucket}/{key}",
            content=data,
            headers={"Content-Type": content_type, **outbound_headers()},
        )
        if resp.status_code >= 300:
            raise StorageError(f"put {key} failed: {resp.status_code}")

    async def get_object(self, key: str) -> bytes:
        async def _get() -> bytes:
            resp = await self._client.get(f"/{self._bucket}/{key}", headers=outbound_headers())
            resp.raise_for_status()
            return resp.content

        return await retry_async(_get, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))

    async def head_object(self, key: str) -> int | None:
        resp = await self._client.head(f"/{self._bucket}/{key}", headers=outbound_headers())
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return int(resp.headers.get("Content-Length", "0"))

    async def aclose(self) -> None:
        await self._client.aclose()
