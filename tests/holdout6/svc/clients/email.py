"""Transactional email through the provider's HTTP API."""
from __future__ import annotations

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings


class EmailClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.email_base_url,
            headers={"Authorization": f"Bearer {settings.email_api_key}"},
        )

    @retry(
        retry=retry_if_exception_type(httpx.TransportError),
        stop=stop_after_attempt(4),
        wait=wait_exponential(multiplier=0.5, max=8),
        reraise=True,
    )
    async def send(self, to: str, subject: str, html: str) -> None:
        response = await self._client.post("/messages", json={"to": to, "subject": subject, "html": html})
        response.raise_for_status()

    async def aclose(self) -> None:
        await self._client.aclose()


async def send_with_attachment(
    settings: Settings, to: str, subject: str, html: str, filename: str, content: bytes
) -> None:
    async with httpx.AsyncClient(base_url=settings.email_base_url) as client:
        files = {"attachment": (filename, content, "application/pdf")}
        data = {"to": to, "subject": subject, "html": html}
        response = await client.post(
            "/messages",
            data=data,
            files=files,
            headers={"Authorization": f"Bearer {settings.email_api_key}"},
        )
        response.raise_for_status()
