"""SMS provider client (aiohttp)."""
from __future__ import annotations

import logging

import aiohttp

from svc.config import settings
from svc.utils.resilience import with_retry

logger = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class SmsClient:
    def __init__(self, base_url: str = settings.sms_base_url, api_key: str = settings.sms_api_key) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=8, connect=2),
            headers={"X-Api-Key": self._api_key},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @with_retry(attempts=3, base_delay=0.5, retry_on=(aiohttp.ClientConnectionError,))
    async def send(self, phone: str, text: str) -> str:
        assert self._session is not None, "SmsClient.start() not called"
        async with self._session.post(f"{self._base_url}/messages", json={"to": phone, "body": text}) as resp:
            if resp.status >= 400:
                raise SmsError(f"sms provider returned {resp.status}")
            body = await resp.json()
            return body["message_id"]


async def send_one_off(phone: str, text: str) -> str:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        async with session.post(
            f"{settings.sms_base_url}/messages",
            json={"to": phone, "body": text},
            headers={"X-Api-Key": settings.sms_api_key},
        ) as resp:
            if resp.status >= 400:
                raise SmsError(f"sms provider returned {resp.status}")
            return (await resp.json())["message_id"]


async def delivery_report(session: aiohttp.ClientSession, message_id: str) -> str:
    async with session.get(f"{settings.sms_base_url}/messages/{message_id}") as resp:
        if resp.status == 404:
            return "unknown"
        resp.raise_for_status()
        return (await resp.json())["status"]
