from __future__ import annotations

import asyncio
import logging
import random

import httpx

from lifeline.settings import Settings

log = logging.getLogger(__name__)

_RETRYABLE = {429, 502, 503, 504}


class MessagingClient:
    """SMS and email through the messaging provider's HTTP API."""

    def __init__(self, settings: Settings) -> None:
        # httpx applies its default 5 s timeout to every request on this client.
        self._client = httpx.AsyncClient(
            base_url=settings.messaging_url,
            headers={"X-Api-Token": settings.messaging_token},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send_sms(self, phone: str, text: str) -> str:
        response = await self._client.post("/sms", json={"to": phone, "body": text[:459]})
        response.raise_for_status()
        return response.json()["message_id"]

    async def send_email(self, to: str, subject: str, html: str, attempts: int = 4) -> str:
        delay = 0.5
        for attempt in range(1, attempts + 1):
            try:
                response = await self._client.post("/email", json={"to": to, "subject": subject, "html": html})
                if response.status_code in _RETRYABLE and attempt < attempts:
                    raise httpx.HTTPStatusError("retryable", request=response.request, response=response)
                response.raise_for_status()
                return response.json()["message_id"]
            except (httpx.TransportError, httpx.HTTPStatusError) as exc:
                if attempt == attempts:
                    raise
                log.warning("email to %s failed (attempt %d): %s", to, attempt, exc)
                await asyncio.sleep(delay + random.uniform(0, delay))
                delay *= 2
        raise RuntimeError("unreachable")
