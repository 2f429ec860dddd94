from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

log = logging.getLogger(__name__)


class Mailer:
    def __init__(self, host: str, port: int, sender: str) -> None:
        self._host = host
        self._port = port
        self._sender = sender

    def _build(self, to: str, subject: str, body: str, attachment: tuple[str, bytes] | None) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self._sender
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        if attachment is not None:
            name, data = attachment
            msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
        return msg

    def _deliver(self, messages: list[EmailMessage]) -> None:
        with smtplib.SMTP(self._host, self._port, timeout=20) as smtp:
            smtp.starttls()
            for msg in messages:
                smtp.send_message(msg)

    async def send(self, to: str, subject: str, body: str, attachment: tuple[str, bytes] | None = None) -> None:
        msg = self._build(to, subject, body, attachment)
        with smtplib.SMTP(self._host, self._port, timeout=30) as smtp:
            smtp.starttls()
            smtp.send_message(msg)
        log.info("mail sent", extra={"to": to, "subject": subject})

    async def send_many(self, batch: list[tuple[str, str, str]]) -> None:
        messages = [self._build(to, subject, body, None) for to, subject, body in batch]
        await asyncio.to_thread(self._deliver, messages)
