"""Outbound SMS for waitlist and reminder messages."""

from __future__ import annotations

from datetime import timedelta

import aiohttp
from aiobreaker import CircuitBreaker

from svc.errors import SmsDeliveryError

sms_breaker = CircuitBreaker(fail_max=10, timeout_duration=timedelta(seconds=60), name="sms")


class SmsClient:
    def __init__(self, base_url: str, api_key: str, sender_id: str) -> None:
        self._base_url = base_url
        self._api_key = api_key
        self._sender_id = sender_id
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            headers={"Authorization": f"Bearer {self._api_key}"},
            timeout=aiohttp.ClientTimeout(total=8, connect=2),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @sms_breaker
    async def send(self, to: str, body: str) -> str:
        if self._session is None:
            raise RuntimeError("SmsClient.start() was not called")
        async with self._session.post("/v1/messages", json={"to": to, "from": self._sender_id, "body": body}) as resp:
            if resp.status >= 400:
                raise SmsDeliveryError(f"sms gateway returned {resp.status}", details={"to": to[-4:]})
            payload = await resp.json()
        return str(payload["sid"])
