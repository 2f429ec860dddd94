"""Outbound email (synchronous SDK-style client) and SMS (async) for reminders and invoices."""
from __future__ import annotations

import logging
import time

import httpx
import requests

from lexdesk.errors import DeliveryError
from lexdesk.settings import Settings

log = logging.getLogger(__name__)


class MailClient:
    """Blocking client; async code must call it through asyncio.to_thread."""

    def __init__(self, settings: Settings) -> None:
        self._url = settings.mail_api_url
        self._sender = settings.mail_from
        self._session = requests.Session()
        self._session.headers.update({"Authorization": f"Bearer {settings.mail_api_key}"})

    def send(self, to: str, subject: str, body: str, *, attachments: list[dict] | None = None) -> str:
        message = {"from": self._sender, "to": [to], "subject": subject, "text": body, "attachments": attachments or []}
        resp = self._session.post(self._url, json=message)
        resp.raise_for_status()
        return resp.json()["id"]

    def close(self) -> None:
        self._session.close()


class SmsClient:
    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._http = http
        self._url = settings.sms_api_url
        self._key = settings.sms_api_key

    async def send(self, phone: str, body: str) -> None:
        for attempt in range(3):
            try:
                resp = await self._http.post(
                    f"{self._url}/messages",
                    json={"to": phone, "body": body[:640]},
                    headers={"X-Api-Key": self._key},
                    timeout=httpx.Timeout(10.0, connect=3.0),
                )
                resp.raise_for_status()
                return
            except httpx.TransportError as exc:
                if attempt == 2:
                    raise DeliveryError(f"sms to {phone[-4:]} failed: {exc}") from exc
                time.sleep(2**attempt)
            except httpx.HTTPStatusError as exc:
                raise DeliveryError(f"sms rejected: {exc.response.status_code}") from exc
