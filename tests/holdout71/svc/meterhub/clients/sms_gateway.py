from __future__ import annotations

import logging

import aiohttp

from ..config import Settings

logger = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class SmsGateway:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.sms_base_url.rstrip("/")
        self._token = settings.sms_api_token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"X-Api-Token": self._token})

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def send_sms(self, phone: str, text: str, *, sender: str = "GRIDCO") -> str:
        assert self._session is not None, "SmsGateway.start() not called"
        async with self._session.post(
            f"{self._base}/messages", json={"to": phone, "from": sender, "body": text}
        ) as resp:
            if resp.status != 202:
                raise SmsError(f"sms gateway returned {resp.status}: {await resp.text()}")
            data = await resp.json()
        return data["message_id"]
