"""Outgoing mail."""
import asyncio
import smtplib
from email.message import EmailMessage

SMTP_HOST = "mail.internal"


class Outbox:
    def __init__(self) -> None:
        self._client = smtplib.SMTP()  # no host: connects later, in a thread

    async def send_receipt(self, to: str, body: str) -> None:
        msg = EmailMessage()
        msg["To"], msg["Subject"] = to, "Your receipt"
        msg.set_content(body)
        with smtplib.SMTP(SMTP_HOST, 587, timeout=10) as smtp:  # expect: sync-io-in-async
            smtp.send_message(msg)

    def _deliver(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(SMTP_HOST, 587, timeout=10) as smtp:
            smtp.send_message(msg)

    async def send_reset(self, to: str) -> None:
        msg = EmailMessage()
        msg["To"], msg["Subject"] = to, "Reset your password"
        await asyncio.to_thread(self._deliver, msg)
