from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

from judgehall.settings import Settings

log = logging.getLogger(__name__)


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self.host = settings.smtp_host
        self.port = settings.smtp_port
        self.user = settings.smtp_user
        self.password = settings.smtp_password
        self.sender = settings.mail_from

    def _build(self, to: str, subject: str, body: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        return msg

    def _send_many_sync(self, messages: list[EmailMessage]) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=15) as smtp:
            smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password)
            for msg in messages:
                smtp.send_message(msg)

    async def send_bulk(self, recipients: list[str], subject: str, body: str) -> None:
        messages = [self._build(to, subject, body) for to in recipients]
        for start in range(0, len(messages), 50):
            await asyncio.to_thread(self._send_many_sync, messages[start : start + 50])

    async def send(self, to: str, subject: str, body: str) -> None:
        msg = self._build(to, subject, body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password)
            smtp.send_message(msg)
        log.info("mail sent to %s: %s", to, subject)
