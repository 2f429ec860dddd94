"""Clients whose URLs come from small builder helpers."""
from __future__ import annotations

import aiohttp
import httpx


def thumbnail_url(base: str, media_id: str) -> str:
    return f"{base}/thumbnails/{media_id}"


class BlobClient:
    def __init__(self, session: aiohttp.ClientSession, endpoint: str) -> None:
        self._session = session
        self._endpoint = endpoint

    def _object_url(self, name: str) -> str:
        return f"{self._endpoint}/objects/{name}"

    def _health_url(self) -> str:
        return f"{self._endpoint}/healthz"

    async def size_of(self, name: str) -> int:
        async with self._session.head(self._object_url(name)) as resp:
            resp.raise_for_status()
            return int(resp.headers.get("Content-Length", "0"))

    async def healthy(self) -> bool:
        async with self._session.get(self._health_url()) as resp:
            return resp.status == 200


class ThumbnailClient:
    def __init__(self, http: httpx.AsyncClient, base: str) -> None:
        self._http = http
        self._base = base

    async def fetch(self, media_id: str) -> bytes:
        resp = await self._http.get(url=thumbnail_url(self._base, media_id))
        resp.raise_for_status()
        return resp.content
