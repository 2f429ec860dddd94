from __future__ import annotations

import logging

import httpx

from ..errors import ProviderError
from ..settings import Settings
from ..utils.resilience import retry_async


log = logging.getLogger(__name__)


class SmsClient:
    def __init__(self, settings: Settings) -> None:
        self._sender = settings.sms_sender
        headers = {"Authorization": f"Bearer {settings.sms_api_key}"}
        self._client = httpx.AsyncClient(base_url=settings.sms_api_base, headers=headers)

    async def send(self, to: str, text: str) -> str:
        resp = await self._client.post("/messages", json={"from": self._sender, "to": to, "text": text[:480]})
        if resp.status_code >= 400:
            raise ProviderError(f"sms provider returned {resp.status_code}", to=to)
        return resp.json()["id"]

    async def aclose(self) -> None:
        await self._client.aclose()


_RETRYABLE = (httpx.TransportError, ProviderError)


class EmailClient:
    def __init__(self, settings: Settings) -> None:
        self._from = settings.email_from
        self._http = httpx.AsyncClient(
            base_url=settings.email_api_base,
            headers={"Authorization": f"Bearer {settings.email_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
        )

    async def send(self, to: str | list[str], subject: str, html: str, attachments: list[dict] | None = None) -> None:
        recipients = [to] if isinstance(to, str) else list(to)
        body = {"from": self._from, "to": recipients, "subject": subject, "html": html, "attachments": attachments or []}

        async def _once() -> None:
            resp = await self._http.post("/mail/send", json=body)
            if resp.status_code >= 500 or resp.status_code == 429:
                raise ProviderError(f"mail provider returned {resp.status_code}")
            resp.raise_for_status()

        await retry_async(_once, attempts=4, retry_on=_RETRYABLE)

    async def aclose(self) -> None:
        await self._http.aclose()
