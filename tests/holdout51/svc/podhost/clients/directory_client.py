"""Pings to podcast directories (Apple, Spotify, Podcast Index) and websub hubs."""
from __future__ import annotations

import logging

import aiohttp

from podhost.utils.hashing import signature
from podhost.utils.resilience import sleep_backoff

log = logging.getLogger(__name__)


class DirectoryClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            headers={"User-Agent": "PodhostBot/2.1"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def ping(self, endpoint: str, feed_url: str, attempts: int = 3) -> bool:
        assert self._session is not None
        for attempt in range(attempts):
            try:
                async with self._session.post(endpoint, data={"url": feed_url}) as resp:
                    if resp.status < 500:
                        return resp.status < 300
            except aiohttp.ClientError as exc:
                log.info("directory ping %s failed: %s", endpoint, exc)
            sleep_backoff(attempt)
        return False

    async def deliver(self, endpoint: str, body: bytes, secret: str) -> int:
        assert self._session is not None
        headers = {"Content-Type": "application/json", "X-Podhost-Signature": signature(body, secret)}
        async with self._session.post(endpoint, data=body, headers=headers) as resp:
            return resp.status
