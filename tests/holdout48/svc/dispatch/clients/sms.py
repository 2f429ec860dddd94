from __future__ import annotations

import asyncio
import logging

import aiohttp

from dispatch.config import Settings

logger = logging.getLogger(__name__)


class SMSClient:
    """Thin wrapper over the SMS provider's REST API."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.sms_base_url
        self._key = settings.sms_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(headers={"X-Api-Key": self._key})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, phone: str, text: str) -> str:
        assert self._session is not None, "SMSClient.start() not called"
        async with self._session.post(f"{self._base}/messages", json={"to": phone, "body": text}) as resp:
            if resp.status >= 400:
                body = await resp.text()
                logger.error("sms provider rejected message to %s: %s %s", phone[-4:], resp.status, body)
                resp.raise_for_status()
            data = await resp.json()
        return data["message_id"]

    async def send_many(self, messages: list[tuple[str, str]], concurrency: int = 10) -> int:
        """Send a batch of (phone, text) pairs with bounded concurrency; returns how many succeeded."""
        sem = asyncio.Semaphore(concurrency)

        async def one(phone: str, text: str) -> bool:
            async with sem:
                try:
                    await self.send(phone, text)
                    return True
                except aiohttp.ClientError as exc:
                    logger.warning("bulk sms to ...%s failed: %s", phone[-4:], exc)
                    return False

        results = await asyncio.gather(*(one(p, t) for p, t in messages))
        return sum(results)
