from __future__ import annotations

import logging
from email.message import EmailMessage

import aiosmtplib

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, host: str, port: int, sender: str) -> None:
        self.host = host
        self.port = port
        self.sender = sender

    async def email(self, to: str, subject: str, body: str) -> bool:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        try:
            await aiosmtplib.send(msg, hostname=self.host, port=self.port, timeout=15)
        except aiosmtplib.SMTPException:
            log.exception("email to %s failed: %s", to, subject)
            return False
        return True

    async def lock_expiring(self, to: str, loan_number: str, hours_left: int) -> bool:
        return await self.email(
            to,
            f"Rate lock for {loan_number} expires in {hours_left}h",
            f"The rate lock on loan {loan_number} expires in {hours_left} hours. Extend it from the pipeline.",
        )
