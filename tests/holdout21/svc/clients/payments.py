"""PayStream payment provider client."""
from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

import httpx

from svc.clients.resilience import CircuitBreaker, transient_retry
from svc.config import Settings
from svc.errors import PaymentDeclined

logger = logging.getLogger(__name__)


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
        )
        self._breaker = CircuitBreaker("paystream", failure_threshold=5, reset_after=60.0)
        self._webhook_secret = settings.payments_webhook_secret.encode()

    async def aclose(self) -> None:
        await self._http.aclose()

    @transient_retry()
    async def create_customer(self, member_id: int, email: str) -> str:
        payload = {"reference": str(member_id), "email": email}
        resp = await self._breaker.call(self._http.post, "/customers", json=payload)
        resp.raise_for_status()
        return resp.json()["id"]

    @transient_retry(attempts=4)
    async def charge(self, customer_id: str, amount_cents: int, currency: str, idempotency_key: str) -> dict[str, Any]:
        resp = await self._http.post(
            "/charges",
            json={"customer": customer_id, "amount": amount_cents, "currency": currency},
            headers={"Idempotency-Key": idempotency_key},
        )
        if resp.status_code == 402:
            raise PaymentDeclined(resp.json().get("decline_code", "declined"))
        resp.raise_for_status()
        return resp.json()

    @transient_retry(attempts=4)
    async def refund(self, payment_id: str, amount_cents: int, idempotency_key: str) -> dict[str, Any]:
        headers = {"Idempotency-Key": idempotency_key}
        path = f"/charges/{payment_id}/refunds"
        resp = await self._breaker.call(self._http.post, path, json={"amount": amount_cents}, headers=headers)
        resp.raise_for_status()
        return resp.json()

    def verify_signature(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._webhook_secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
