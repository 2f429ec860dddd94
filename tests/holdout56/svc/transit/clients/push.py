"""Mobile push provider client (aiohttp)."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)


class PushClient:
    def __init__(self, url: str, api_key: str) -> None:
        self._url = url
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"key={self._api_key}"},
            connector=aiohttp.TCPConnector(limit=100),
        )

    async def send(self, token: str, title: str, body: str, data: dict[str, Any] | None = None) -> bool:
        assert self._session is not None, "PushClient.start() not called"
        message = {"to": token, "notification": {"title": title, "body": body}, "data": data or {}}
        async with self._session.post(self._url, json=message) as response:
            if response.status == 200:
                return True
            logger.info("push rejected for token …%s: %s", token[-6:], response.status)
            return False

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
