"""Partner webhooks: each event is posted to every subscriber from a task of its own."""
from __future__ import annotations

import asyncio
import logging

import httpx
from tenacity import retry, stop_after_attempt

log = logging.getLogger(__name__)


class PartnerHooks:
    def __init__(self, urls: list[str]) -> None:
        self._client = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0))
        self._urls = urls
        self._parked: list[tuple[str, bytes]] = []
        self._profiles: dict[str, dict] = {}

    def emit(self, body: bytes) -> None:
        for url in self._urls:
            asyncio.create_task(self._deliver(url, body))
            asyncio.create_task(self._deliver_or_park(url, body))
            asyncio.create_task(self._deliver_retried(url, body))
            asyncio.create_task(self._refresh_profile(url))

    async def _deliver(self, url: str, body: bytes) -> None:
        try:
            resp = await self._client.post(url, content=body)  # expect: no-retry
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("webhook to %s failed: %s", url, exc)

    async def _deliver_or_park(self, url: str, body: bytes) -> None:
        try:
            resp = await self._client.post(url, content=body, headers={"X-Copy": "1"})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("webhook to %s failed, parked: %s", url, exc)
            self._parked.append((url, body))

    @retry(stop=stop_after_attempt(3))
    async def _deliver_retried(self, url: str, body: bytes) -> None:
        try:
            resp = await self._client.put(url, content=body)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("webhook to %s failed: %s", url, exc)
            raise

    async def _refresh_profile(self, url: str) -> None:
        try:
            resp = await self._client.get(f"{url}/profile")
            resp.raise_for_status()
            self._profiles[url] = resp.json()
        except httpx.HTTPError as exc:
            log.warning("profile of %s unavailable: %s", url, exc)
