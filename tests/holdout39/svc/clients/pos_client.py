"""Client for restaurant point-of-sale integrations (menus and live availability)."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)


class PosError(Exception):
    pass


class PosClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"Accept": "application/json"})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def fetch_menu(self, pos_url: str) -> list[dict[str, Any]]:
        assert self._session is not None
        async with self._session.get(f"{pos_url}/menu") as resp:
            if resp.status != 200:
                raise PosError(f"{pos_url}: {resp.status}")
            payload = await resp.json()
        return payload["items"]

    async def fetch_availability(self, pos_url: str) -> dict[str, bool]:
        assert self._session is not None
        for attempt in range(3):
            try:
                async with self._session.get(f"{pos_url}/availability") as resp:
                    resp.raise_for_status()
                    return {row["sku"]: bool(row["available"]) for row in await resp.json()}
            except aiohttp.ClientError:
                if attempt == 2:
                    raise
        return {}
