"""SMTP delivery for build notification emails."""
from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage

from svc.config import get_settings


class Mailer:
    def __init__(self) -> None:
        s = get_settings()
        self._host = s.smtp_host
        self._port = s.smtp_port
        self._from = s.mail_from

    def _send_sync(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self._host, self._port, timeout=15) as smtp:
            smtp.send_message(msg)

    async def send(self, to: str, subject: str, body: str) -> None:
        msg = EmailMessage()
        msg["From"] = self._from
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        await asyncio.to_thread(self._send_sync, msg)
