from __future__ import annotations

import logging

import httpx

from glide.core.retry import retry_async
from glide.errors import UpstreamError
from glide.settings import Settings

log = logging.getLogger(__name__)


class ObjectStorage:
    def __init__(self, settings: Settings) -> None:
        self._bucket = settings.storage_bucket
        self._client = httpx.AsyncClient(
            base_url=settings.storage_url,
            timeout=httpx.Timeout(30.0, connect=5.0),
            limits=httpx.Limits(max_connections=50),
        )

    async def put(self, key: str, data: bytes, content_type: str) -> str:
        async def _put() -> httpx.Response:
            resp = await self._client.put(
                f"/{self._bucket}/{key}", content=data, headers={"Content-Type": content_type}
            )
            resp.raise_for_status()
            return resp

        try:
            await retry_async(_put, attempts=4, label=f"storage put {key}")
        except httpx.HTTPError as exc:
            raise UpstreamError(f"upload of {key} failed") from exc
        return key

    def public_url(self, key: str) -> str:
        return f"{self._client.base_url}/{self._bucket}/{key}"

    async def aclose(self) -> None:
        await self._client.aclose()
