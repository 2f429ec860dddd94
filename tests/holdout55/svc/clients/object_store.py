"""S3-compatible object storage over aiohttp (artifacts and build caches)."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import aiohttp

from svc.config import get_settings

logger = logging.getLogger(__name__)


class ObjectStoreError(Exception):
    pass


class ObjectStore:
    def __init__(self, session: aiohttp.ClientSession | None = None) -> None:
        settings = get_settings()
        self._base = f"{settings.object_store_url.rstrip('/')}/{settings.object_store_bucket}"
        self._session = session

    async def start(self) -> None:
        if self._session is None:
            timeout = aiohttp.ClientTimeout(total=600, sock_connect=5, sock_read=60)
            self._session = aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=64))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _url(self, key: str) -> str:
        return f"{self._base}/{key}"

    async def put_object(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        assert self._session is not None
        async with self._session.put(self._url(key), data=data, headers={"Content-Type": content_type}) as resp:
            if resp.status >= 300:
                raise ObjectStoreError(f"put {key}: {resp.status}")

    async def get_object(self, key: str) -> bytes:
        assert self._session is not None
        async with self._session.get(self._url(key)) as resp:
            if resp.status == 404:
                raise KeyError(key)
            if resp.status >= 300:
                raise ObjectStoreError(f"get {key}: {resp.status}")
            return await resp.read()

    async def stream_object(self, key: str, chunk_size: int = 64 * 1024) -> AsyncIterator[bytes]:
        assert self._session is not None
        async with self._session.get(self._url(key)) as resp:
            if resp.status >= 300:
                raise ObjectStoreError(f"get {key}: {resp.status}")
            async for chunk in resp.content.iter_chunked(chunk_size):
                yield chunk

    async def head_object(self, key: str) -> int:
        assert self._session is not None
        async with self._session.head(self._url(key)) as resp:
            if resp.status >= 300:
                raise ObjectStoreError(f"head {key}: {resp.status}")
            return int(resp.headers.get("Content-Length", "0"))

    async def delete_object(self, key: str) -> None:
        assert self._session is not None
        async with self._session.delete(self._url(key)) as resp:
            if resp.status not in (204, 404) and resp.status >= 300:
                raise ObjectStoreError(f"delete {key}: {resp.status}")

    async def delete_many(self, keys: list[str], concurrency: int = 16) -> int:
        sem = asyncio.Semaphore(concurrency)

        async def _one(key: str) -> bool:
            async with sem:
                try:
                    await self.delete_object(key)
                    return True
                except ObjectStoreError as exc:
                    logger.warning("delete failed for %s: %s", key, exc)
                    return False

        results = await asyncio.gather(*(_one(k) for k in keys))
        return sum(results)
