"""TextRelay SMS gateway."""
from __future__ import annotations

import logging

import aiohttp

from svc.config import settings

log = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class SmsClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.sms_base_url,
            headers={"X-Api-Key": settings.sms_api_key},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=5),
        )

    async def send(self, phone: str, body: str) -> str:
        assert self._session is not None, "SmsClient.start() not called"
        payload = {"to": phone, "from": settings.sms_sender_id, "text": body}
        async with self._session.post("/v1/messages", json=payload) as resp:
            if resp.status >= 400:
                text = await resp.text()
                raise SmsError(f"sms gateway returned {resp.status}: {text[:200]}")
            data = await resp.json()
        return data["message_id"]

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
