from __future__ import annotations

import logging
import time

import aiohttp

from mailroom.metrics import PROVIDER_LATENCY
from mailroom.providers.base import OutboundEmail, ProviderError, SendResult

logger = logging.getLogger(__name__)


def _respect_rate_limit(headers) -> None:
    # SendGrid tells us exactly how long to back off on 429.
    retry_after = headers.get("Retry-After") or headers.get("X-RateLimit-Reset")
    if retry_after:
        wait = float(retry_after)
        if wait > 1_000_000_000:
            wait = max(0.0, wait - time.time())
        time.sleep(min(wait, 30.0))


class SendGridProvider:
    name = "sendgrid"

    def __init__(self, base_url: str, api_key: str):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={"Authorization": f"Bearer {self.api_key}"},
                connector=aiohttp.TCPConnector(limit=100),
            )
        return self._session

    async def send(self, email: OutboundEmail) -> SendResult:
        body = {
            "personalizations": [{"to": [{"email": email.to}], "custom_args": {"mr_message": str(email.message_id)}}],
            "from": {"email": email.from_addr},
            "subject": email.subject,
            "content": [{"type": "text/html", "value": email.html}],
            "headers": email.headers or None,
        }
        if email.text:
            body["content"].insert(0, {"type": "text/plain", "value": email.text})
        started = time.perf_counter()
        try:
            async with self._http().post(f"{self.base_url}/mail/send", json=body) as resp:
                PROVIDER_LATENCY.labels("sendgrid").observe(time.perf_counter() - started)
                if resp.status == 202:
                    return SendResult(status="accepted", provider_message_id=resp.headers.get("X-Message-Id"))
                if resp.status == 429:
                    _respect_rate_limit(resp.headers)
                    return SendResult(status="throttled", detail="sendgrid 429")
                text = await resp.text()
                if resp.status >= 500:
                    raise ProviderError(f"sendgrid {resp.status}: {text[:200]}", transient=True)
                return SendResult(status="rejected", detail=text[:500])
        except aiohttp.ClientError as exc:
            raise ProviderError(f"sendgrid transport: {exc}", transient=True) from exc

    async def fetch_bounces(self, start_time: int) -> list[dict]:
        async with self._http().get(
            f"{self.base_url}/suppression/bounces",
            params={"start_time": start_time},
            timeout=aiohttp.ClientTimeout(total=20),
        ) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
