from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
from email.message import EmailMessage

import aiohttp

from ..settings import Settings


class SlackNotifier:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10, connect=3))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def post(self, webhook_url: str, text: str, blocks: list[dict] | None = None) -> None:
        assert self._session is not None, "SlackNotifier.start() not called"
        body = {"text": text, "blocks": blocks or []}
        async with self._session.post(webhook_url, json=body) as resp:
            resp.raise_for_status()


def sign_webhook(secret: str, body: dict) -> tuple[bytes, str]:
    raw = json.dumps(body, separators=(",", ":"), sort_keys=True).encode()
    signature = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return raw, signature


class Mailer:
    def __init__(self, settings: Settings) -> None:
        self._host = settings.smtp_host
        self._port = settings.smtp_port
        self._sender = settings.alert_from

    def build(self, to: list[str], subject: str, body: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = ", ".join(to)
        message["Subject"] = subject
        message.set_content(body)
        return message

    def deliver(self, message: EmailMessage) -> None:
        with smtplib.SMTP(self._host, self._port) as smtp:
            smtp.send_message(message)
