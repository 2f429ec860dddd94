"""Card payments provider."""
from __future__ import annotations

import logging

import aiohttp

from svc.config import Settings
from svc.utils.resilience import CircuitBreaker

logger = logging.getLogger(__name__)


class PaymentDeclined(Exception):
    pass


class PaymentProviderError(Exception):
    pass


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.payments_base_url
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            raise_for_status=False,
        )
        self._breaker = CircuitBreaker("payments", failure_threshold=5, reset_after=20.0)

    async def close(self) -> None:
        await self._session.close()

    async def _post(self, path: str, payload: dict, idempotency_key: str) -> dict:
        async with self._session.post(
            f"{self._base}{path}", json=payload, headers={"Idempotency-Key": idempotency_key}
        ) as resp:
            body = await resp.json()
            if resp.status == 402:
                raise PaymentDeclined(body.get("decline_code", "declined"))
            if resp.status >= 500:
                raise PaymentProviderError(f"{path}: {resp.status}")
            return body

    async def authorize(self, payment_method: str, amount_cents: int, currency: str, key: str) -> str:
        payload = {"payment_method": payment_method, "amount": amount_cents, "currency": currency, "capture": False}
        body = await self._breaker.call(lambda: self._post("/v1/charges", payload, key))
        return body["id"]

    async def capture(self, charge_id: str, amount_cents: int, key: str) -> None:
        await self._breaker.call(lambda: self._post(f"/v1/charges/{charge_id}/capture", {"amount": amount_cents}, key))

    async def refund(self, charge_id: str, amount_cents: int, key: str) -> None:
        await self._post(f"/v1/charges/{charge_id}/refund", {"amount": amount_cents}, key)
