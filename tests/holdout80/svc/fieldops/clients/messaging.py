from __future__ import annotations

import httpx
from twilio.rest import Client as TwilioClient

from fieldops.logging_setup import get_logger

logger = get_logger(__name__)


class EmailClient:
    def __init__(self, base_url: str, api_key: str, sender: str = "service@fieldops.example") -> None:
        # httpx applies its 5 second default timeout to every request on this client.
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"})
        self._sender = sender

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(self, to: str, subject: str, html: str, attachments: list[dict] | None = None) -> str:
        payload = {
            "from": self._sender,
            "to": [to],
            "subject": subject,
            "html": html,
            "attachments": attachments or [],
        }
        resp = await self._http.post("/messages", json=payload)
        resp.raise_for_status()
        return resp.json()["id"]

    async def message_status(self, message_id: str) -> str | None:
        try:
            resp = await self._http.get(f"/messages/{message_id}")
            resp.raise_for_status()
        except httpx.HTTPError as err:
            logger.warning("email status lookup failed", message_id=message_id, error=str(exc))
            return None
        return resp.json().get("status")


class SmsClient:
    """Wrapper over the vendor's synchronous SDK. Every call does blocking HTTP."""

    def __init__(self, account_sid: str, auth_token: str, sender: str) -> None:
        self._client = TwilioClient(account_sid, auth_token, timeout=10)
        self._sender = sender

    def send(self, phone: str, body: str) -> str:
        message = self._client.messages.create(to=phone, from_=self._sender, body=body[:1500])
        return message.sid

    def delivery_status(self, sid: str) -> str:
        return self._client.messages(sid).fetch().status
