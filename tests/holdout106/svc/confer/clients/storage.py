from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from urllib.parse import quote

import aiohttp

from ..core.errors import StorageError
from ..core.settings import Settings

log = logging.getLogger(__name__)


class ObjectStorage:
    """Minimal S3-compatible client (path-style, pre-shared key signing)."""

    def __init__(self, settings: Settings, session: aiohttp.ClientSession | None = None) -> None:
        self.endpoint = settings.storage_endpoint.rstrip("/")
        self.bucket = settings.storage_bucket
        self._key = settings.storage_access_key
        self._secret = settings.storage_secret_key.encode()
        self._session = session or aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120, connect=5))
        self._owns_session = session is None

    def _url(self, key: str) -> str:
        return f"{self.endpoint}/{self.bucket}/{quote(key)}"

    def _sign(self, method: str, key: str, expires: int) -> str:
        msg = f"{method}\n{self.bucket}/{key}\n{expires}".encode()
        return hmac.new(self._secret, msg, hashlib.sha256).hexdigest()

    def presigned_get(self, key: str, ttl: int = 900) -> str:
        expires = int(time.time()) + ttl
        return f"{self._url(key)}?AccessKey={self._key}&Expires={expires}&Signature={self._sign('GET', key, expires)}"

    async def put_object(self, key: str, data: bytes, content_type: str = "application/pdf") -> None:
        delay = 0.5
        for attempt in range(4):
            try:
                async with self._session.put(
                    self._url(key), data=data, headers={"Content-Type": content_type, "X-Access-Key": self._key}
                ) as resp:
                    if resp.status < 500:
                        resp.raise_for_status()
                        return
                    log.warning("storage put %s returned %s (attempt %d)", key, resp.status, attempt)
            except aiohttp.ClientConnectionError as exc:
                log.warning("storage put %s failed: %s (attempt %d)", key, exc, attempt)
            await asyncio.sleep(delay)
            delay *= 2
        raise StorageError(f"could not store {key}")

    async def get_object(self, key: str) -> bytes:
        async with self._session.get(self._url(key), headers={"X-Access-Key": self._key}) as resp:
            if resp.status == 404:
                raise StorageError(f"missing object {key}")
            resp.raise_for_status()
            return await resp.read()

    async def head(self, key: str) -> int | None:
        async with self._session.head(self._url(key), headers={"X-Access-Key": self._key}) as resp:
            if resp.status == 404:
                return None
            return int(resp.headers.get("Content-Length", "0"))

    async def close(self) -> None:
        if self._owns_session:
            await self._session.close()
