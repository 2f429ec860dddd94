"""SMS gateway for paging duty supervisors."""
from __future__ import annotations

import httpx

from apron.settings import Settings
from apron.utils.circuit import CircuitBreaker
from apron.utils.retry import async_retry


class SmsGateway:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.sms_gateway_url, timeout=httpx.Timeout(5.0, connect=2.0))
        self._breaker = CircuitBreaker("sms", failure_threshold=3, reset_after_s=60)

    async def send(self, to: str, text: str) -> None:
        async def _post() -> None:
            resp = await self._client.post("/messages", json={"to": to, "body": text[:300]})
            resp.raise_for_status()

        await self._breaker.call(
            lambda: async_retry(_post, attempts=3, retry_on=(httpx.TransportError,), label="sms")
        )

    async def aclose(self) -> None:
        await self._client.aclose()
