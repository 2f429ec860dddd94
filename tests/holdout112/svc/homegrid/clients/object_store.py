from __future__ import annotations

import aiohttp

from homegrid.config import Settings
from homegrid.utils.resilience import retry_async


class ObjectStore:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.object_store_url.rstrip("/")
        self._bucket = settings.object_store_bucket
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60, connect=5))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def put(self, key: str, data: bytes, content_type: str) -> str:
        assert self._session is not None

        async def _upload() -> None:
            async with self._session.put(
                f"{self._base}/{self._bucket}/{key}", data=data, headers={"Content-Type": content_type}
            ) as resp:
                resp.raise_for_status()

        await retry_async(_upload, attempts=4, retry_on=(aiohttp.ClientError,))
        return key

    async def presign(self, key: str, ttl: int = 900) -> str:
        assert self._session is not None
        async with self._session.post(
            f"{self._base}/presign", json={"bucket": self._bucket, "key": key, "ttl": ttl}
        ) as resp:
            resp.raise_for_status()
            return (await resp.json())["url"]
