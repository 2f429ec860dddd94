"""Amazon SES v2 HTTP API (SendEmail), signed with SigV4."""

from __future__ import annotations

import asyncio
import logging
import random
import time

import httpx
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from mailroom.metrics import PROVIDER_LATENCY
from mailroom.providers.base import CircuitBreaker, CircuitOpen, OutboundEmail, ProviderError, SendResult

log = logging.getLogger(__name__)

RETRYABLE = {429, 500, 502, 503, 504}


class SesProvider:
    name = "ses"

    def __init__(self, endpoint: str, region: str, access_key: str, secret_key: str, max_attempts: int = 4) -> None:
        self._endpoint = endpoint.rstrip("/")
        self._region = region
        self._creds = Credentials(access_key, secret_key)
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("ses", failure_threshold=10, reset_after=20)
        self._max_attempts = max_attempts

    def _signed_headers(self, url: str, body: bytes) -> dict[str, str]:
        req = AWSRequest(method="POST", url=url, data=body, headers={"content-type": "application/json"})
        SigV4Auth(self._creds, "ses", self._region).add_auth(req)
        return dict(req.headers)

    def _payload(self, email: OutboundEmail) -> dict:
        content: dict = {"Subject": {"Data": email.subject}, "Body": {"Html": {"Data": email.html}}}
        if email.text:
            content["Body"]["Text"] = {"Data": email.text}
        return {
            "FromEmailAddress": email.from_addr,
            "Destination": {"ToAddresses": [email.to]},
            "Content": {"Simple": content},
            "EmailTags": [{"Name": "mr_message", "Value": str(email.message_id)}],
        }

    async def send(self, email: OutboundEmail) -> SendResult:
        try:
            self._breaker.before_call()
        except CircuitOpen:
            return SendResult(status="throttled", detail="ses circuit open")

        url = f"{self._endpoint}/v2/email/outbound-emails"
        body = httpx.Request("POST", url, json=self._payload(email)).content
        for attempt in range(1, self._max_attempts + 1):
            started = time.perf_counter()
            try:
                resp = await self._client.post(url, content=body, headers=self._signed_headers(url, body))
            except httpx.TransportError as exc:
                self._breaker.record_failure()
                if attempt == self._max_attempts:
                    raise ProviderError(f"ses transport error: {exc}", transient=True) from exc
            else:
                PROVIDER_LATENCY.labels("ses").observe(time.perf_counter() - started)
                if resp.status_code == 200:
                    self._breaker.record_success()
                    return SendResult(status="accepted", provider_message_id=resp.json()["MessageId"])
                if resp.status_code not in RETRYABLE:
                    self._breaker.record_success()
                    return SendResult(status="rejected", detail=resp.text[:500])
                self._breaker.record_failure()
                if attempt == self._max_attempts:
                    return SendResult(status="throttled", detail=f"ses {resp.status_code}")
            await asyncio.sleep(min(8.0, 0.25 * 2**attempt) + random.random() / 10)
        raise AssertionError("unreachable")

    async def aclose(self) -> None:
        await self._client.aclose()
