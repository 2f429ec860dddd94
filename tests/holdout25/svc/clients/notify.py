"""Email and SMS notifications through the city notification gateway."""
from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)


class NotifyClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10.0, connect=3.0))

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send_email(self, to: str, subject: str, body: str) -> None:
        resp = await self._http.post("/email", json={"to": to, "subject": subject, "body": body})
        resp.raise_for_status()

    async def send_sms(self, phone: str, text: str) -> None:
        async with httpx.AsyncClient(base_url=self._base_url) as client:
            resp = await client.post("/sms", json={"to": phone, "text": text[:320]})
            resp.raise_for_status()
