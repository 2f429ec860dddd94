"""Card payments through the payment provider."""
from __future__ import annotations

import logging
from datetime import timedelta

import aiohttp
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import settings
from svc.errors import PaymentDeclinedError

log = logging.getLogger(__name__)

payments_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class ProviderUnavailable(Exception):
    pass


class PaymentProvider:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=settings.payments_base_url, headers={"Authorization": f"Bearer {settings.payments_api_key}"})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None, "PaymentProvider.start() not awaited"
        return self._session

    @payments_breaker
    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential(multiplier=0.3, max=3),
        retry=retry_if_exception_type((aiohttp.ClientConnectionError, ProviderUnavailable)),
        reraise=True,
    )
    async def capture(self, intent_id: str, amount_cents: int, idempotency_key: str) -> str:
        async with self.session.post(f"/v1/intents/{intent_id}/capture", json={"amount": amount_cents}, headers={"Idempotency-Key": idempotency_key}) as resp:
            if resp.status >= 500:
                raise ProviderUnavailable(f"provider returned {resp.status}")
            body = await resp.json()
            if resp.status == 402:
                raise PaymentDeclinedError(body.get("decline_code", "declined"))
            resp.raise_for_status()
            return body["charge_id"]

    @payments_breaker
    async def refund(self, charge_id: str, amount_cents: int, idempotency_key: str) -> str:
        async with self.session.post(
            f"/v1/charges/{charge_id}/refunds",
            json={"amount": amount_cents},
            headers={"Idempotency-Key": idempotency_key},
        ) as resp:
            resp.raise_for_status()
            return (await resp.json())["refund_id"]


payment_provider = PaymentProvider()
