"""Loyalty members API: PUTs are sent through `_put_retrying`; one method calls the client itself."""
from __future__ import annotations

import httpx
from tenacity import retry, stop_after_attempt, wait_exponential


class MembersApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    @retry(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.2))
    async def _put_retrying(self, path: str, body: dict) -> None:
        resp = await self._http.put(path, json=body)
        resp.raise_for_status()

    async def upsert(self, member_id: str, body: dict) -> None:
        await self._put_retrying(f"/members/{member_id}", body)

    async def set_tier(self, member_id: str, tier: str) -> None:
        await self._put_retrying(f"/members/{member_id}/tier", {"tier": tier})

    async def rename(self, member_id: str, name: str) -> None:
        resp = await self._http.put(f"/members/{member_id}/name", json={"name": name})  # expect: no-retry
        resp.raise_for_status()
