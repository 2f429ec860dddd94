from __future__ import annotations

import logging

import aiohttp

from ..core.errors import UpstreamError

logger = logging.getLogger(__name__)


class MailClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            headers={"Authorization": f"Bearer {self._api_key}"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, to: str, subject: str, html: str, tag: str) -> str:
        assert self._session is not None, "MailClient.start() not called"
        payload = {"to": [to], "subject": subject, "html": html, "tags": [tag]}
        async with self._session.post(f"{self._base_url}/messages", json=payload) as resp:
            if resp.status >= 400:
                raise UpstreamError(f"mail send failed: {resp.status}")
            body = await resp.json()
        logger.info("mail queued", extra={"tag": tag, "message_id": body.get("id")})
        return body["id"]
