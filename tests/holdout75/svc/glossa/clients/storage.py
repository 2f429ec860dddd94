"""S3-compatible object storage for export bundles."""
from __future__ import annotations

import time
from urllib.parse import quote

import httpx

from glossa.utils.security import download_token


class ObjectStorage:
    def __init__(self, base_url: str, bucket: str, token: str, http: httpx.AsyncClient, signing_secret: str) -> None:
        self._base = base_url.rstrip("/")
        self._bucket = bucket
        self._token = token
        self._http = http
        self._secret = signing_secret

    def _url(self, key: str) -> str:
        return f"{self._base}/{self._bucket}/{quote(key)}"

    async def put_object(self, key: str, data: bytes, content_type: str) -> str:
        response = await self._http.put(
            self._url(key),
            content=data,
            headers={"Authorization": f"Bearer {self._token}", "Content-Type": content_type},
        )
        response.raise_for_status()
        return key

    def presigned_url(self, key: str, expires_in: int = 900) -> str:
        expires_at = int(time.time()) + expires_in
        return f"{self._url(key)}?expires={expires_at}&sig={download_token(self._secret, key, expires_at)}"
