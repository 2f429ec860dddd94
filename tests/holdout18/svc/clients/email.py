"""Transactional email: HTTP API first, SMTP relay as the degraded path."""
from __future__ import annotations

import asyncio
import logging
import smtplib
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import aiohttp

from svc.clients.resilience import aiohttp_retry, email_breaker
from svc.config import settings

logger = logging.getLogger(__name__)


@dataclass
class OutgoingMail:
    to: str
    subject: str
    body: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def _to_mime(mail: OutgoingMail) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "tickets@example.com"
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg.set_content(mail.body)
    for filename, data, mime in mail.attachments:
        maintype, subtype = mime.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg


def _smtp_send(msg: EmailMessage) -> None:
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        smtp.starttls()
        smtp.send_message(msg)


class EmailSender:
    def __init__(self) -> None:
        self._outbox: asyncio.Queue[OutgoingMail] = asyncio.Queue()
        self._timeout = aiohttp.ClientTimeout(total=8, connect=2)
        self._spool_dir = Path(settings.email_spool_dir)
        self._consumer: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._consumer = asyncio.create_task(self._consume_forever(), name="email-outbox")

    async def stop(self) -> None:
        if self._consumer is not None:
            self._consumer.cancel()

    async def enqueue(self, mail: OutgoingMail) -> None:
        await self._outbox.put(mail)

    async def _consume_forever(self) -> None:
        while True:
            mail = await self._outbox.get()
            try:
                await self.send(mail)
            except Exception:
                logger.exception("could not deliver %r to %s", mail.subject, mail.to)
            finally:
                self._outbox.task_done()

    async def send(self, mail: OutgoingMail) -> None:
        try:
            delivered = await self._send_via_api(mail)
        except Exception:
            logger.warning("email API unavailable, using SMTP relay for %s", mail.subject, exc_info=True)
            delivered = False
        if not delivered:
            await asyncio.to_thread(_smtp_send, _to_mime(mail))

    @email_breaker
    @aiohttp_retry()
    async def _send_via_api(self, mail: OutgoingMail) -> bool:
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            payload = {
                "to": mail.to,
                "subject": mail.subject,
                "text": mail.body,
                "attachments": [
                    {"filename": name, "content": data.hex(), "type": mime} for name, data, mime in mail.attachments
                ],
            }
            async with session.post(
                settings.email_api_url,
                json=payload,
                headers={"Authorization": f"Bearer {settings.email_api_key}"},
            ) as resp:
                if resp.status >= 500:
                    resp.raise_for_status()
                return resp.status < 300

    async def send_refund_notice(self, to: str, order_id: int, amount: str) -> None:
        mail = OutgoingMail(to=to, subject=f"Refund for order {order_id}", body=f"We refunded {amount}.")
        self._spool(mail)
        await self.enqueue(mail)

    def _spool(self, mail: OutgoingMail) -> None:
        path = self._spool_dir / f"{uuid.uuid4().hex}.eml"
        with open(path, "wb") as fh:
            fh.write(bytes(_to_mime(mail)))
