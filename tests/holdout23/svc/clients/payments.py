"""Payment provider client for reservation deposits and no-show fees."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.errors import PaymentProviderError

payments_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30), name="payments")

_transient = retry(
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.2, max=2.0),
    retry=retry_if_exception_type(httpx.TransportError),
    reraise=True,
)


def _raise_for_provider(response: httpx.Response) -> dict[str, Any]:
    if response.is_error:
        raise PaymentProviderError(
            f"payment provider returned {response.status_code}",
            details={"provider_status": response.status_code},
        )
    return response.json()


class PaymentsClient:
    def __init__(self, base_url: str, api_key: str, webhook_secret: str) -> None:
        self._webhook_secret = webhook_secret.encode()
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}, timeout=httpx.Timeout(10.0, connect=3.0))

    async def aclose(self) -> None:
        await self._http.aclose()

    @payments_breaker
    @_transient
    async def create_deposit_intent(self, reservation_id: int, amount_cents: int, currency: str, customer_ref: str) -> dict[str, Any]:
        idempotency_key = hashlib.sha256(f"deposit:{reservation_id}:{amount_cents}".encode()).hexdigest()
        body = {
            "amount": amount_cents,
            "currency": currency.lower(),
            "capture_method": "manual",
            "metadata": {"reservation_id": reservation_id, "customer_ref": customer_ref},
        }
        response = await self._http.post("/v1/payment_intents", json=body, headers={"Idempotency-Key": idempotency_key})
        return _raise_for_provider(response)

    @payments_breaker
    @_transient
    async def capture_no_show_fee(self, intent_id: str, amount_cents: int) -> dict[str, Any]:
        response = await self._http.post(f"/v1/payment_intents/{intent_id}/capture", json={"amount_to_capture": amount_cents}, headers={"Idempotency-Key": f"no-show:{intent_id}"})
        return _raise_for_provider(response)

    @payments_breaker
    @_transient
    async def cancel_intent(self, intent_id: str, reason: str) -> dict[str, Any]:
        response = await self._http.post(f"/v1/payment_intents/{intent_id}/cancel", json={"cancellation_reason": reason})
        return _raise_for_provider(response)

    def verify_signature(self, payload: bytes, signature: str) -> bool:
        expected = hmac.new(self._webhook_secret, payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
