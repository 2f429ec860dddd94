from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OutboundEmail:
    to: str
    subject: str
    html: str
    attachment_name: str | None = None
    attachment: bytes | None = None


class EmailClient:
    """Transactional email provider (dunning letters, invoice delivery)."""

    def __init__(self, settings: Settings) -> None:
        self._from = settings.email_from
        self._session = aiohttp.ClientSession(
            base_url=settings.email_api_url,
            headers={"X-Api-Key": settings.email_api_key},
        )

    async def close(self) -> None:
        await self._session.close()

    def _form(self, message: OutboundEmail) -> aiohttp.FormData:
        form = aiohttp.FormData()
        form.add_field("from", self._from)
        form.add_field("to", message.to)
        form.add_field("subject", message.subject)
        form.add_field("html", message.html)
        if message.attachment is not None:
            form.add_field(
                "attachment",
                message.attachment,
                filename=message.attachment_name or "invoice.pdf",
                content_type="application/pdf",
            )
        return form

    async def send(self, message: OutboundEmail) -> str:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(4),
            wait=wait_exponential(multiplier=0.5, max=8),
            retry=retry_if_exception_type(aiohttp.ClientError),
            reraise=True,
        ):
            with attempt:
                async with self._session.post("/v1/messages", data=self._form(message)) as resp:
                    resp.raise_for_status()
                    body = await resp.json()
        return str(body["id"])
