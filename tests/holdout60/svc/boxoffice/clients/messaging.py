from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import smtplib
import time
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from functools import lru_cache
from typing import Any, TypeVar

import aiohttp
import httpx
import requests
from jinja2 import Environment, Template, select_autoescape

T = TypeVar("T")


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self._reset_after:
            return False
        return True

    async def call(self, fn: Callable[[], Awaitable[T]]) -> T:
        if self.is_open:
            raise CircuitOpen(self.name)
        try:
            result = await fn()
        except Exception:
            self._failures += 1
            if self._failures >= self._threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result


_env = Environment(autoescape=select_autoescape(["html"]))

_SOURCES: dict[tuple[str, str], str] = {
    ("order_confirmation", "en"): "<p>Hi {{ name }},</p><p>Your tickets for <b>{{ title }}</b> are attached.</p>",
    ("order_confirmation", "de"): "<p>Hallo {{ name }},</p><p>Deine Tickets für <b>{{ title }}</b> sind angehängt.</p>",
    ("waitlist_offer", "en"): "<p>Hi {{ name }}, seats for <b>{{ title }}</b> are available for {{ minutes }} minutes.</p>",
    ("on_sale", "en"): "<p>Hi {{ name }}, more tickets for <b>{{ title }}</b> just went on sale.</p>",
    ("transfer", "en"): "<p>Hi {{ name }}, {{ sender }} sent you a ticket for <b>{{ title }}</b>.</p>",
}


@lru_cache(maxsize=32)
def _compiled(name: str, locale: str) -> Template:
    source = _SOURCES.get((name, locale)) or _SOURCES[(name, "en")]
    return _env.from_string(source)


def render_template(name: str, locale: str, **context: object) -> str:
    return _compiled(name, locale).render(**context)


@lru_cache(maxsize=None)
def render_confirmation(locale: str, customer_name: str, event_title: str) -> str:
    return render_template("order_confirmation", locale, name=customer_name, title=event_title)


log = logging.getLogger(__name__)


class EmailClient:
    def __init__(
        self,
        http: httpx.AsyncClient,
        api_url: str,
        api_key: str,
        smtp_host: str,
        smtp_port: int,
        sender: str = "tickets@boxoffice.example",
    ) -> None:
        self._http = http
        self._api_url = api_url
        self._api_key = api_key
        self._smtp_host = smtp_host
        self._smtp_port = smtp_port
        self._sender = sender

    async def send(self, to: str, subject: str, html: str, attachments: dict[str, bytes] | None = None) -> None:
        body = {
            "from": self._sender,
            "to": [to],
            "subject": subject,
            "html": html,
            "attachments": [
                {"filename": name, "content": base64.b64encode(data).decode()}
                for name, data in (attachments or {}).items()
            ],
        }
        try:
            api_response = await self._http.post(
                self._api_url, json=body, headers={"Authorization": f"Bearer {self._api_key}"}
            )
            api_response.raise_for_status()
        except httpx.HTTPError:
            log.warning("email API failed for %s, falling back to SMTP relay", to, exc_info=True)
            await self._send_via_relay(to, subject, html, attachments or {})

    async def _send_via_relay(self, to: str, subject: str, html: str, attachments: dict[str, bytes]) -> None:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content("Your tickets are attached.")
        message.add_alternative(html, subtype="html")
        for name, data in attachments.items():
            message.add_attachment(data, maintype="image", subtype="png", filename=name)
        with smtplib.SMTP(self._smtp_host, self._smtp_port, timeout=10) as smtp:
            smtp.send_message(message)


def _post_form(url: str, api_key: str, data: dict[str, str]) -> dict[str, Any]:
    resp = requests.post(url, data=data, auth=(api_key, ""), timeout=5)
    resp.raise_for_status()
    return resp.json()


class SmsClient:
    def __init__(self, url: str, api_key: str, sender: str = "BOXOFFICE") -> None:
        self._url = url
        self._api_key = api_key
        self._sender = sender
        self._breaker = CircuitBreaker("sms", failure_threshold=5, reset_after=60.0)

    async def send(self, phone: str, text: str) -> str:
        return await self._breaker.call(lambda: self._send(phone, text))

    async def _send(self, phone: str, text: str) -> str:
        result = _post_form(self._url, self._api_key, {"To": phone, "From": self._sender, "Body": text})
        return result["sid"]


_TIMEOUT = aiohttp.ClientTimeout(total=5, connect=2)


class PromoterWebhooks:
    def __init__(self, session: aiohttp.ClientSession, signing_secret: str) -> None:
        self._session = session
        self._secret = signing_secret.encode()

    async def notify(self, url: str, event_type: str, data: dict[str, Any]) -> bool:
        raw = json.dumps({"type": event_type, "data": data}, separators=(",", ":")).encode()
        signature = hmac.new(self._secret, raw, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json", "X-Boxoffice-Signature": signature}
        for attempt in range(3):
            try:
                async with self._session.post(url, data=raw, headers=headers, timeout=_TIMEOUT) as resp:
                    if resp.status < 500:
                        return resp.status < 300
            except (aiohttp.ClientError, asyncio.TimeoutError):
                log.warning("webhook %s to %s failed (attempt %d)", event_type, url, attempt + 1)
            await asyncio.sleep(2**attempt)
        log.error("webhook %s to %s abandoned after retries", event_type, url)
        return False
