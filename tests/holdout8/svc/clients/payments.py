"""Payment provider client (card and wallet payments for gem packs)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker
from pydantic import BaseModel
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings

capture_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30), name="payments-capture")

_transient = retry(
    retry=retry_if_exception_type(httpx.TransportError),
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.2, max=2.0),
    reraise=True,
)


class PaymentIntent(BaseModel):
    id: str
    status: str
    amount_cents: int
    currency: str
    transaction_id: str | None = None


class PaymentClient:
    def __init__(self, settings: Settings) -> None:
        headers = {"Authorization": f"Bearer {settings.payments_api_key}"}
        self._http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers=headers,
            timeout=httpx.Timeout(10.0, connect=3.0),
        )
        # Refund settlement is slow on the provider side; the call waits for the final state.
        self._refunds = httpx.AsyncClient(base_url=settings.payments_base_url, headers=headers, timeout=None)
        self._webhook_secret = settings.payments_webhook_secret.encode()

    @_transient
    async def authorize(self, *, player_id: int, amount_cents: int, currency: str, idempotency_key: str) -> PaymentIntent:
        payload = {"customer_ref": str(player_id), "amount": amount_cents, "currency": currency}
        response = await self._http.post("/v1/intents", json=payload, headers={"Idempotency-Key": idempotency_key})
        response.raise_for_status()
        return PaymentIntent.model_validate(response.json())

    async def capture(self, intent_id: str, idempotency_key: str) -> PaymentIntent:
        return await self._capture_guarded(intent_id, idempotency_key)

    @capture_breaker
    @_transient
    async def _capture_guarded(self, intent_id: str, idempotency_key: str) -> PaymentIntent:
        response = await self._http.post(
            f"/v1/intents/{intent_id}/capture", headers={"Idempotency-Key": f"{idempotency_key}:capture"}
        )
        response.raise_for_status()
        return PaymentIntent.model_validate(response.json())

    async def refund(self, intent_id: str, amount_cents: int) -> None:
        response = await self._refunds.post(f"/v1/intents/{intent_id}/refunds", json={"amount": amount_cents})
        response.raise_for_status()

    def verify_webhook(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._webhook_secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._refunds.aclose()
