"""Notifications: pager service over HTTP, SMTP mail for alarms."""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

import aiohttp

logger = logging.getLogger(__name__)


class NotifyClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._shared: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._shared = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def close(self) -> None:
        if self._shared is not None:
            await self._shared.close()

    async def page_oncall(self, title: str, details: dict) -> None:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        resp = await session.post(
            f"{self.base_url}/pages", json={"title": title, "details": details, "team": "fab-eng"}
        )
        if resp.status >= 400:
            logger.error("pager rejected page %r: %s", title, resp.status)

    async def post_digest(self, count: int) -> None:
        assert self._shared is not None
        async with self._shared.post(f"{self.base_url}/digests", json={"count": count}) as resp:
            if resp.status >= 400:
                logger.error("digest post failed: %s", resp.status)


def send_email_sync(host: str, to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = "fabline@example.com"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP(host, 25, timeout=10) as smtp:
        smtp.send_message(msg)
