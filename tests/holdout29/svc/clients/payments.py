"""Client for the PayStream payment provider."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import aiohttp
from aiobreaker import CircuitBreaker, CircuitBreakerError

from svc.config import Settings
from svc.errors import ExternalServiceError

logger = logging.getLogger(__name__)

payments_breaker = CircuitBreaker(fail_max=3, timeout_duration=timedelta(seconds=60))


@dataclass(frozen=True, slots=True)
class CheckoutSession:
    id: str
    charge_id: str
    redirect_url: str


class PaymentProviderClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.payments_api_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            raise_for_status=True,
        )

    async def create_checkout(
        self, amount_cents: int, currency: str, reference: str, idempotency_key: str
    ) -> CheckoutSession:
        try:
            payload = await payments_breaker.call_async(
                self._post,
                "/checkout/sessions",
                {"amount": amount_cents, "currency": currency, "reference": reference},
                idempotency_key,
            )
        except CircuitBreakerError as exc:
            raise ExternalServiceError("payments", "provider temporarily unavailable") from exc
        return CheckoutSession(payload["id"], payload["charge_id"], payload["url"])

    async def refund(self, charge_id: str, amount_cents: int, idempotency_key: str) -> str:
        payload = await self._post(
            f"/charges/{charge_id}/refunds", {"amount": amount_cents}, idempotency_key
        )
        return payload["id"]

    async def _post(self, path: str, body: dict, idempotency_key: str) -> dict:
        async with self._session.post(
            f"{self._base_url}{path}", json=body, headers={"Idempotency-Key": idempotency_key}
        ) as resp:
            return await resp.json()

    async def close(self) -> None:
        await self._session.close()
