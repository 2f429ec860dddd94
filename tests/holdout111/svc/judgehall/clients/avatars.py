from __future__ import annotations

import hashlib

import httpx


class AvatarClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url)

    async def fetch(self, email: str, size: int = 128) -> str:
        digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
        resp = await self._http.get(f"/v2/avatar/{digest}", params={"s": size})
        resp.raise_for_status()
        return resp.json()["url"]

    async def aclose(self) -> None:
        await self._http.aclose()
