"""Outbound email over SMTP."""
from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

from svc.config import get_settings

log = logging.getLogger(__name__)

SENDER = "VetNet Clinics <no-reply@vetnet.example>"


def _build(to: str, subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    return msg


def _deliver(msg: EmailMessage) -> None:
    settings = get_settings()
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
        smtp.starttls()
        smtp.send_message(msg)


async def send_email(to: str, subject: str, body: str) -> None:
    await asyncio.to_thread(_deliver, _build(to, subject, body))


async def send_digest(recipients: list[str], subject: str, body: str) -> int:
    sent = 0
    for address in recipients:
        message = _build(address, subject, body)
        _deliver(message)
        sent += 1
    log.info("digest %r sent to %d recipients", subject, sent)
    return sent
