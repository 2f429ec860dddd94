from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

import aiohttp

from svc.config import get_settings


logger = logging.getLogger(__name__)


class EmailClient:
    def __init__(self) -> None:
        settings = get_settings()
        self.host = settings.smtp_host
        self.port = settings.smtp_port
        self.sender = settings.smtp_sender

    def _build(self, to: str, subject: str, body: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        return msg

    def _send_sync(self, messages: list[EmailMessage]) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=15) as smtp:
            for msg in messages:
                smtp.send_message(msg)

    async def send(self, to: str, subject: str, body: str) -> None:
        msg = self._build(to, subject, body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.send_message(msg)
        logger.info("email sent", extra={"to": to, "subject": subject})

    async def send_many(self, batch: list[tuple[str, str, str]]) -> None:
        messages = [self._build(to, subject, body) for to, subject, body in batch]
        await asyncio.to_thread(self._send_sync, messages)


email_client = EmailClient()


class SmsDeliveryError(RuntimeError):
    pass


class SmsGateway:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        settings = get_settings()
        self._session = aiohttp.ClientSession(
            base_url=settings.sms_base_url,
            headers={"X-Api-Key": settings.sms_api_key},
            timeout=aiohttp.ClientTimeout(total=8, connect=2),
        )

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send_sms(self, to: str, body: str, *, reference: str) -> str:
        assert self._session is not None, "SmsGateway.start() not called"
        payload = {"to": to, "text": body[:459], "client_ref": reference}
        async with self._session.post("/messages", json=payload) as resp:
            if resp.status >= 400:
                text = await resp.text()
                raise SmsDeliveryError(f"gateway returned {resp.status}: {text[:200]}")
            data = await resp.json()
        return data["message_id"]


sms_gateway = SmsGateway()
