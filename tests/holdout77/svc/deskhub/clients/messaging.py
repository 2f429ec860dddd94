from __future__ import annotations

import logging
from typing import Any

import aiohttp
import httpx

from . import MessagingError

logger = logging.getLogger(__name__)


class MailClient:
    """Transactional e-mail through Postbox templates."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"})

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, *, to: str, template: str, data: dict[str, Any]) -> str:
        resp = await self._client.post("/messages", json={"to": to, "template": template, "data": data})
        if resp.status_code >= 400:
            raise MessagingError(f"postbox {resp.status_code}: {resp.text[:200]}")
        return resp.json()["id"]


class SmsClient:
    def __init__(self, base_url: str, api_key: str, sender: str = "Deskhub") -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._sender = sender

    async def send(self, to: str, body: str) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=8)) as session:
            async with session.post(
                f"{self._base_url}/messages",
                json={"from": self._sender, "to": to, "text": body[:480]},
                headers={"X-Api-Key": self._api_key},
            ) as resp:
                if resp.status >= 400:
                    raise MessagingError(f"textline {resp.status}: {await resp.text()}")
