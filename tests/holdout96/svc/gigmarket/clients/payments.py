from __future__ import annotations

import hashlib
import hmac
import logging
from decimal import Decimal
from typing import Any

import httpx

from ..errors import PaymentError
from ..settings import Settings
from ..utils.money import to_minor_units
from ..utils.retry import with_retry

logger = logging.getLogger(__name__)


class PaymentsClient:
    """Payment processor: escrow funding through payment intents, captured on release."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._base = settings.payments_base_url
        self._secret = settings.payments_webhook_secret.encode()
        self._http = http
        self._headers = {"Authorization": f"Bearer {settings.payments_api_key}"}

    @with_retry(attempts=4)
    async def create_intent(self, milestone_id: int, amount: Decimal, currency: str, customer: str) -> dict[str, Any]:
        resp = await self._http.post(
            f"{self._base}/payment_intents",
            json={
                "amount": to_minor_units(amount, currency),
                "currency": currency.lower(),
                "customer": customer,
                "capture_method": "manual",
                "metadata": {"milestone_id": milestone_id},
            },
            headers={**self._headers, "Idempotency-Key": f"ms-{milestone_id}-fund"},
        )
        if resp.status_code >= 400:
            raise PaymentError(f"intent for milestone {milestone_id} failed: {resp.text[:200]}")
        return resp.json()

    async def capture(self, intent_id: str, amount: Decimal, currency: str) -> dict[str, Any]:
        captured = await self._http.post(
            f"{self._base}/payment_intents/{intent_id}/capture",
            json={"amount_to_capture": to_minor_units(amount, currency)},
            headers={**self._headers, "Idempotency-Key": f"{intent_id}-capture"},
        )
        if captured.status_code >= 400:
            raise PaymentError(f"capture of {intent_id} failed: {captured.status_code}")
        return captured.json()

    @with_retry(attempts=3)
    async def refund(self, intent_id: str) -> dict[str, Any]:
        resp = await self._http.post(
            f"{self._base}/refunds",
            json={"payment_intent": intent_id},
            headers={**self._headers, "Idempotency-Key": f"{intent_id}-refund"},
        )
        resp.raise_for_status()
        return resp.json()

    def verify_signature(self, payload: bytes, header: str) -> bool:
        parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
        timestamp, signature = parts.get("t", ""), parts.get("v1", "")
        expected = hmac.new(self._secret, f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
