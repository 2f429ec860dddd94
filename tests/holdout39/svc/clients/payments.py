"""PayCore payment gateway client."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import httpx

from svc.config import settings
from svc.utils.resilience import CircuitBreaker
from svc.utils.resilience import with_retry

logger = logging.getLogger(__name__)


class PaymentDeclined(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PaymentUnavailable(Exception):
    pass


@dataclass(frozen=True)
class ChargeResult:
    provider_ref: str
    status: str


class PaymentGateway:
    def __init__(self, base_url: str = settings.payments_base_url, api_key: str = settings.payments_api_key) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("paycore", failure_threshold=5, reset_after=20.0)

    async def close(self) -> None:
        await self._client.aclose()

    @with_retry(attempts=3, retry_on=(httpx.TransportError,))
    async def _post_charge(self, payload: dict, idempotency_key: str) -> httpx.Response:
        return await self._client.post("/v1/charges", json=payload, headers={"Idempotency-Key": idempotency_key})

    async def charge(self, order_id: int, amount: Decimal, token: str) -> ChargeResult:
        payload = {"amount": str(amount), "currency": "GBP", "source": token, "reference": f"order-{order_id}"}
        resp = await self._breaker.call(lambda: self._post_charge(payload, f"charge-{order_id}"))
        if resp.status_code == 402:
            raise PaymentDeclined(resp.json().get("decline_code", "declined"))
        if resp.status_code >= 500:
            raise PaymentUnavailable(f"paycore {resp.status_code}")
        resp.raise_for_status()
        body = resp.json()
        return ChargeResult(provider_ref=body["id"], status=body["status"])

    async def refund(self, provider_ref: str, amount: Decimal | None = None) -> str:
        payload: dict[str, str] = {"charge": provider_ref}
        if amount is not None:
            payload["amount"] = str(amount)
        resp = await self._client.post("/v1/refunds", json=payload, timeout=None)
        resp.raise_for_status()
        return resp.json()["id"]

    async def payout(self, restaurant_id: int, amount: Decimal, batch_id: int) -> str:
        resp = await self._client.post(
            "/v1/payouts",
            json={"destination": f"rest-{restaurant_id}", "amount": str(amount)},
            headers={"Idempotency-Key": f"payout-{batch_id}"},
        )
        resp.raise_for_status()
        return resp.json()["id"]

    async def payout_status(self, payout_ref: str) -> str:
        resp = await self._client.get(f"/v1/payouts/{payout_ref}")
        resp.raise_for_status()
        return resp.json()["status"]

    async def capture(self, provider_ref: str) -> str:
        resp = await self._breaker.call(
            lambda: self._client.post(f"/v1/charges/{provider_ref}/capture", headers={"Idempotency-Key": f"cap-{provider_ref}"})
        )
        if resp.status_code == 409:
            return "already_captured"
        resp.raise_for_status()
        return resp.json()["status"]
