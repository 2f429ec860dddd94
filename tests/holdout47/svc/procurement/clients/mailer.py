from __future__ import annotations

import asyncio
import logging
import smtplib
from collections import OrderedDict
from email.message import EmailMessage

import httpx

log = logging.getLogger(__name__)

SMTP_HOST = "smtp.internal"
SMTP_PORT = 587
SENDER = "procurement@buyer.example"


def send_email(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=10) as smtp:
        smtp.starttls()
        smtp.send_message(msg)


async def send_email_async(to: str, subject: str, body: str) -> None:
    await asyncio.to_thread(send_email, to, subject, body)


class EmployeeDirectory:
    """Resolves employee ids to e-mail addresses via the HR directory service."""

    def __init__(self, base_url: str, client: httpx.AsyncClient) -> None:
        self._base_url = base_url.rstrip("/")
        self._client = client
        self._emails: OrderedDict[int, str] = OrderedDict()
        self._max_entries = 5000

    async def email_for(self, employee_id: int) -> str:
        if employee_id in self._emails:
            self._emails.move_to_end(employee_id)
            return self._emails[employee_id]
        resp = await self._client.get(f"{self._base_url}/employees/{employee_id}", timeout=3.0)
        resp.raise_for_status()
        email = resp.json()["email"]
        self._emails[employee_id] = email
        if len(self._emails) > self._max_entries:
            self._emails.popitem(last=False)
        return email
