"""Messaging providers: transactional email (Postmark-compatible) and SMS (Twilio REST API)."""
from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import aiohttp
import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import settings
from svc.errors import UpstreamError

recent_failures: list[dict[str, str]] = []
_email_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30), name="email-provider")


class SmsClient:
    def __init__(self) -> None:
        self._base = f"{settings.sms_api_url}/Accounts/{settings.sms_account_sid}"
        self._auth = aiohttp.BasicAuth(settings.sms_account_sid, settings.sms_auth_token)
        self._session: aiohttp.ClientSession | None = None
        # The carrier throttles our sender number, so keep a single request in flight.
        self._send_lock = asyncio.Lock()

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(auth=self._auth, raise_for_status=False)
        return self._session

    async def send(self, to: str, body: str) -> str:
        form = {"To": to, "From": settings.sms_from_number, "Body": body}
        async with self._send_lock:
            async with self._client().post(f"{self._base}/Messages.json", data=form) as resp:
                payload = await resp.json()
        if resp.status >= 400:
            recent_failures.append({"to": to, "status": str(resp.status), "error": str(payload.get("message", ""))})
            raise UpstreamError(f"sms provider returned {resp.status}")
        return str(payload["sid"])

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()


class EmailClient:
    def __init__(self, base_url: str = settings.email_api_url, token: str = settings.email_api_token) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"X-Postmark-Server-Token": token, "Accept": "application/json"})

    @_email_breaker
    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.5, max=5.0), retry=retry_if_exception_type(httpx.TransportError), reraise=True)
    async def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        resp = await self._http.post("/email/withTemplate", json=payload)
        resp.raise_for_status()
        return resp.json()

    async def _send(self, template: str, to: str, model: dict[str, Any]) -> str:
        payload = {"From": settings.email_from, "To": to, "TemplateAlias": template, "TemplateModel": model, "MessageStream": "outbound"}
        data = await self._post(payload)
        return str(data["MessageID"])

    async def send_invitation(self, *, to: str, signer_name: str, subject: str, link: str, message: str | None = None) -> str:
        return await self._send("envelope-invitation", to, {"name": signer_name, "subject": subject, "link": link, "message": message or ""})

    async def send_reminder(self, *, to: str, signer_name: str, subject: str, link: str) -> str:
        return await self._send("envelope-reminder", to, {"name": signer_name, "subject": subject, "link": link})

    async def send_notice(self, *, to: str, subject: str, body: str) -> str:
        return await self._send("sender-notice", to, {"subject": subject, "body": body})

    async def aclose(self) -> None:
        await self._http.aclose()
