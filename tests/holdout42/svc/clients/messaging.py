from __future__ import annotations

import asyncio
import logging

import httpx

from svc.config import settings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4


class Mailer:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.mail_api_base,
            headers={"Authorization": f"Bearer {settings.mail_api_key}"},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, to: str, subject: str, html: str, *, tag: str = "billing") -> None:
        payload = {"to": [to], "subject": subject, "html": html, "tags": [tag]}
        delay = 0.5
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                resp = await self._client.post("/send", json=payload)
                if resp.status_code < 500:
                    resp.raise_for_status()
                    return
                logger.warning("mail provider %s on attempt %d", resp.status_code, attempt)
            except httpx.TransportError as exc:
                logger.warning("mail transport error on attempt %d: %s", attempt, exc)
            asyncio.sleep(delay)
            delay *= 2
        raise RuntimeError(f"mail to {to} failed after {MAX_ATTEMPTS} attempts")


class SmsClient:
    async def send(self, phone: str, text: str) -> bool:
        async with httpx.AsyncClient(base_url=settings.sms_api_base, timeout=5.0) as client:
            resp = await client.post(
                "/messages",
                json={"to": phone, "body": text[:459]},
                headers={"X-Api-Key": settings.sms_api_key},
            )
        if resp.status_code >= 400:
            logger.warning("sms to %s failed: %s %s", phone[-4:], resp.status_code, resp.text[:200])
            return False
        return True
