"""Client for the channel manager that syncs inventory with booking sites."""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import datetime
from typing import Any

import aiohttp
import httpx

from svc.config import settings
from svc.errors import UpstreamError

logger = logging.getLogger(__name__)

_POLL_TIMEOUT = aiohttp.ClientTimeout(total=20, connect=5)


class ChannelManagerClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.channel_base_url,
            headers={"X-Api-Key": settings.channel_api_key},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("channel manager client not started")
        return self._session

    async def push_availability(self, external_id: str, calendar: list[dict[str, Any]]) -> dict[str, str]:
        async with self.session.put(f"listings/{external_id}/availability", json={"days": calendar}) as resp:
            if resp.status >= 400:
                raise UpstreamError("availability push rejected", detail={"status": resp.status})
            return dict(resp.headers)

    async def listing_status(self, external_id: str) -> dict[str, Any]:
        async with self.session.get(f"listings/{external_id}") as resp:
            resp.raise_for_status()
            return await resp.json()

    async def fetch_bookings(self, since: datetime) -> list[dict[str, Any]]:
        delay = 0.5
        for attempt in range(4):
            try:
                params = {"since": since.isoformat()}
                async with self.session.get("bookings", params=params, timeout=_POLL_TIMEOUT) as resp:
                    resp.raise_for_status()
                    return (await resp.json())["bookings"]
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError):
                if attempt == 3:
                    raise
                await asyncio.sleep(delay + random.random() * delay)
                delay *= 2
        return []


async def fetch_listing_content(external_id: str) -> dict[str, Any]:
    """Downloads the marketing content a booking site holds for one listing."""
    async with httpx.AsyncClient(base_url=settings.content_base_url, timeout=10.0) as client:
        resp = await client.get(f"/content/{external_id}")
        resp.raise_for_status()
        return resp.json()
