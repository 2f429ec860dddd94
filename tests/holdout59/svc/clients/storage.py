"""Object storage for webcam snapshots (S3-compatible gateway exposed over HTTPS)."""
from __future__ import annotations

import base64
import hashlib

import aiohttp

from svc.config import settings


class StorageClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.storage_base_url + "/",
            timeout=aiohttp.ClientTimeout(total=None),
            headers={"Authorization": f"Bearer {settings.storage_token}"},
        )

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def put_object(self, key: str, data: bytes, content_type: str = "image/jpeg") -> str:
        assert self._session is not None
        digest = base64.b64encode(hashlib.md5(data).digest()).decode()
        async with self._session.put(key, data=data, headers={"Content-Type": content_type, "Content-MD5": digest}) as resp:
            resp.raise_for_status()
        return key

    async def presigned_url(self, key: str, ttl: int = 300) -> str:
        assert self._session is not None
        async with self._session.post("presign", json={"key": key, "ttl": ttl}) as resp:
            resp.raise_for_status()
            return (await resp.json())["url"]


storage_client = StorageClient()
