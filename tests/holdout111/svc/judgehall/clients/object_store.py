from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import quote

import httpx

from judgehall.settings import Settings


class ObjectStore:
    """Thin client for the S3-compatible blob gateway that holds sources and tests."""

    def __init__(self, settings: Settings) -> None:
        self.bucket = settings.object_store_bucket
        self._key = settings.object_store_key.encode()
        self._base = settings.object_store_url.rstrip("/")
        self._http = httpx.AsyncClient(base_url=self._base, timeout=None)

    def _path(self, key: str) -> str:
        return f"/{self.bucket}/{quote(key)}"

    async def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        resp = await self._http.put(self._path(key), content=data, headers={"Content-Type": content_type})
        resp.raise_for_status()

    async def get(self, key: str) -> bytes:
        resp = await self._http.get(self._path(key))
        resp.raise_for_status()
        return resp.content

    async def get_text(self, key: str) -> str:
        return (await self.get(key)).decode("utf-8", errors="replace")

    async def delete(self, key: str) -> None:
        resp = await self._http.delete(self._path(key))
        if resp.status_code not in (204, 404):
            resp.raise_for_status()

    def presign(self, key: str, ttl: int = 900) -> str:
        expires = int(time.time()) + ttl
        path = self._path(key)
        sig = hmac.new(self._key, f"{path}:{expires}".encode(), hashlib.sha256).hexdigest()
        return f"{self._base}{path}?expires={expires}&sig={sig}"

    async def aclose(self) -> None:
        await self._http.aclose()


def source_key(contest_id: int, submission_hash: str, language: str) -> str:
    return f"sources/{contest_id}/{submission_hash[:2]}/{submission_hash}.{language}"


def test_key(problem_id: int, version: int, name: str) -> str:
    return f"tests/{problem_id}/v{version}/{name}"
