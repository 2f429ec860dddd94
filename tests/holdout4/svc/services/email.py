"""Transactional email through the provider's HTTP API."""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import aiohttp
from tenacity import (
    AsyncRetrying,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from svc.config import settings

log = logging.getLogger(__name__)


class EmailRejected(Exception):
    pass


@dataclass(frozen=True)
class OutgoingEmail:
    to: str
    subject: str
    html: str
    text: str
    tag: str = "transactional"


_TRANSIENT = (aiohttp.ClientConnectionError, aiohttp.ServerTimeoutError)


class EmailClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = threading.Lock()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.email_api_url,
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _access_token(self) -> str:
        with self._token_lock:
            if self._token is None or self._token_expires < time.time() + 30:
                assert self._session is not None
                async with self._session.post("/oauth/token", data={"api_key": settings.email_api_key}) as resp:
                    resp.raise_for_status()
                    body = await resp.json()
                self._token = body["access_token"]
                self._token_expires = time.time() + float(body.get("expires_in", 3600))
            return self._token

    @retry(
        retry=retry_if_exception_type(_TRANSIENT),
        stop=stop_after_attempt(4),
        wait=wait_exponential_jitter(initial=0.5, max=8),
        reraise=True,
    )
    async def send(self, email: OutgoingEmail) -> str:
        assert self._session is not None
        token = await self._access_token()
        payload = {"to": email.to, "subject": email.subject, "html": email.html, "text": email.text,
                   "tags": [email.tag]}
        async with self._session.post("/v3/messages", json=payload,
                                      headers={"authorization": f"Bearer {token}"}) as resp:
            if resp.status == 422:
                raise EmailRejected(await resp.text())
            resp.raise_for_status()
            return (await resp.json())["id"]

    async def send_batch(self, emails: list[OutgoingEmail]) -> int:
        assert self._session is not None
        token = await self._access_token()
        body = [{"to": e.to, "subject": e.subject, "html": e.html, "text": e.text} for e in emails]
        async for attempt in AsyncRetrying(stop=stop_after_attempt(3), wait=wait_exponential_jitter(1, 10),
                                           retry=retry_if_exception_type(_TRANSIENT), reraise=True):
            with attempt:
                async with self._session.post("/v3/batch", json=body,
                                              headers={"authorization": f"Bearer {token}"}) as resp:
                    resp.raise_for_status()
                    return len(emails)
        return 0
