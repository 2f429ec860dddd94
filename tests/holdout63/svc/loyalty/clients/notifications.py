"""Push notifications to the mobile app and SMS fallback."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import requests

from loyalty.clients.resilience import retry_async
from loyalty.config import Settings
from loyalty.utils.metrics import OUTBOUND_ERRORS

log = logging.getLogger(__name__)

SMS_GATEWAY = "https://sms.example.com/send"


class PushNotifier:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.push_gateway_url
        self._shared = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0),
                                         limits=httpx.Limits(max_connections=20))

    async def aclose(self) -> None:
        await self._shared.aclose()

    async def _post_one(self, message: dict[str, Any]) -> None:
        response = await self._shared.post(self._url, json=message)
        if response.status_code >= 500:
            response.raise_for_status()

    async def send_batch(self, messages: list[dict[str, Any]], concurrency: int = 10) -> int:
        semaphore = asyncio.Semaphore(concurrency)
        sent = 0

        async def _one(message: dict[str, Any]) -> None:
            nonlocal sent
            async with semaphore:
                try:
                    await retry_async(lambda: self._post_one(message), attempts=3,
                                      retry_on=(httpx.TransportError, httpx.HTTPStatusError))
                    sent += 1
                except httpx.HTTPError:
                    OUTBOUND_ERRORS.labels("push").inc()
                    log.warning("push to %s failed after retries", message.get("to", "?")[:8])

        await asyncio.gather(*(_one(m) for m in messages))
        return sent

    async def send(self, device_tokens: list[str], title: str, body: str, data: dict[str, Any] | None = None) -> int:
        delivered = 0
        for token in device_tokens:
            async with httpx.AsyncClient(timeout=5.0) as client:
                response = await client.post(
                    self._url, json={"to": token, "title": title, "body": body, "data": data or {}}
                )
            if response.status_code == 200:
                delivered += 1
            else:
                OUTBOUND_ERRORS.labels("push").inc()
        return delivered

    async def send_sms(self, phone: str, text: str) -> bool:
        response = requests.post(SMS_GATEWAY, json={"to": phone, "text": text}, timeout=5)
        return response.ok
