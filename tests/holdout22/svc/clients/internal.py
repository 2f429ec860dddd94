"""Clients for internal services: document scanner, notifications, CDN purge."""
from __future__ import annotations

import httpx
from tenacity import retry, stop_after_attempt, wait_random_exponential

from svc.config import settings


class DocumentScanner:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.scanner_url, timeout=None)

    async def close(self) -> None:
        await self._http.aclose()

    async def scan(self, storage_key: str, content_type: str) -> str:
        resp = await self._http.post("/scan", json={"key": storage_key, "content_type": content_type})
        resp.raise_for_status()
        return resp.json()["verdict"]


class Notifier:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.notify_url, timeout=httpx.Timeout(5.0))

    async def close(self) -> None:
        await self._http.aclose()

    @retry(stop=stop_after_attempt(4), wait=wait_random_exponential(multiplier=1, max=20), reraise=True)
    async def send_listing_alert(self, user_id: str, listing_ids: list[int]) -> None:
        resp = await self._http.post("/messages", json={"template": "listing_alert", "user": user_id, "listings": listing_ids})
        resp.raise_for_status()


notifier = Notifier()


async def purge_photo(path: str) -> bool:
    async with httpx.AsyncClient(base_url=settings.cdn_purge_url) as client:
        try:
            resp = await client.post("", json={"paths": [path]})
            resp.raise_for_status()
        except httpx.HTTPError:
            return False
    return True
