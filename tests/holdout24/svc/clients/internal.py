"""Clients for internal platform services: the site directory and the notification service."""
from __future__ import annotations

import logging
from typing import Any

import httpx
from cachetools import TTLCache
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings

log = logging.getLogger(__name__)


class SiteDirectoryClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(3.0))
        self._fresh: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=2048, ttl=600)
        self._last_known: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=2048, ttl=86_400)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def site_contacts(self, site_id: int) -> dict[str, Any]:
        if (hit := self._fresh.get(site_id)) is not None:
            return dict(hit)
        try:
            resp = await self._http.get(f"/sites/{site_id}/contacts")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            stale = self._last_known.get(site_id)
            log.warning("site directory unavailable for site %s, serving %s copy: %s", site_id, "stale" if stale else "empty", exc)
            return dict(stale) if stale else {"site_id": site_id, "contacts": []}
        data = resp.json()
        self._fresh[site_id] = data
        self._last_known[site_id] = data
        return dict(data)


class NotificationClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.notify_base_url

    @retry(retry=retry_if_exception_type(httpx.TransportError), stop=stop_after_attempt(3), wait=wait_exponential(max=4), reraise=True)
    async def query_reminder(self, user_id: str, query_ids: list[int]) -> None:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=5.0) as client:
            resp = await client.post("/messages", json={"template": "query-reminder", "to": user_id, "queries": query_ids})
            resp.raise_for_status()
