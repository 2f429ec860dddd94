from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Optional

import httpx
import structlog
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from pulsewatch.clients.breaker import CircuitBreaker
from pulsewatch.config import Settings
from pulsewatch.errors import DeliveryFailed

log = structlog.get_logger(__name__)


@dataclass
class EmailMessage:
    to: str
    subject: str
    text: str
    html: Optional[str] = None
    headers: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)


def render_html(title: str, paragraphs: list[str], *, footer: Optional[str] = None) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    foot = f'<p style="color:#6a737d;font-size:12px">{html.escape(footer)}</p>' if footer else ""
    return (
        "<!doctype html><html><body style=\"font-family:-apple-system,Segoe UI,sans-serif\">"
        f"<h2>{html.escape(title)}</h2>{body}{foot}</body></html>"
    )


class EmailClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(
            base_url=settings.email_api_url,
            timeout=httpx.Timeout(10.0, connect=3.0),
            headers={"Authorization": f"Bearer {settings.email_api_key}"},
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("email", failure_threshold=5, reset_after_s=30.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _post(self, payload: dict) -> str:
        response = await self._http.post("", json=payload)
        if response.status_code >= 500:
            raise httpx.HTTPStatusError("email provider error", request=response.request, response=response)
        if response.status_code >= 400:
            raise DeliveryFailed("email rejected", details={"status": response.status_code, "body": response.text[:200]})
        return response.json().get("message_id", "")

    async def send(self, message: EmailMessage) -> str:
        payload = {
            "from": self._settings.email_from,
            "to": [message.to],
            "subject": message.subject,
            "text": message.text,
            "html": message.html,
            "headers": message.headers,
            "tags": message.tags,
        }
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(3),
            wait=wait_exponential_jitter(initial=0.5, max=5.0),
            retry=retry_if_exception_type((httpx.TransportError, httpx.HTTPStatusError)),
            reraise=True,
        ):
            with attempt:
                return await self._breaker.call(lambda: self._post(payload))
        raise DeliveryFailed("email delivery exhausted retries")
