from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

import httpx

log = logging.getLogger(__name__)

PUSH_URL = "https://push.example-notify.com/v1/messages"

_push_client = httpx.AsyncClient(timeout=httpx.Timeout(3.0))


def _send_email_sync(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = "no-reply@example-broker.net"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("smtp.internal", 25, timeout=10) as smtp:
        smtp.send_message(msg)


async def send_email(to: str, subject: str, body: str) -> None:
    await asyncio.to_thread(_send_email_sync, to, subject, body)


async def send_push(customer_id: int, title: str, body: str) -> None:
    resp = await _push_client.post(PUSH_URL, json={"user": customer_id, "title": title, "body": body})
    resp.raise_for_status()
