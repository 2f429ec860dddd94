from __future__ import annotations

from typing import Any

import aiohttp

from arenaops.errors import PublisherError
from arenaops.settings import Settings


class MatchHistoryClient:
    """Reads finished games from the publisher's match-history service."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.match_history_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=15, connect=3),
            connector=aiohttp.TCPConnector(limit=40),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def get_match(self, external_id: str) -> dict[str, Any]:
        assert self._session is not None
        async with self._session.get(f"{self._base}/v2/matches/{external_id}") as resp:
            if resp.status == 404:
                raise PublisherError(f"match {external_id} not found")
            resp.raise_for_status()
            return await resp.json()

    async def get_match_history(self, puuid: str, count: int = 20) -> list[str]:
        assert self._session is not None
        async with self._session.get(
            f"{self._base}/v2/players/{puuid}/matches", params={"count": count}
        ) as resp:
            resp.raise_for_status()
            body = await resp.json()
            return [m["id"] for m in body["matches"]]
