"""Client for the PayGate deposits API (payment intents with manual capture)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from svc.config import settings
from svc.utils.resilience import retry_async

log = logging.getLogger(__name__)


class PaymentError(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class PaymentIntent:
    id: str
    client_secret: str
    status: str
    amount_cents: int


class PaymentsClient:
    def __init__(self, api_key: str | None = None, base_url: str | None = None) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url or settings.payments_base_url,
            headers={"Authorization": f"Bearer {api_key or settings.payments_api_key}"},
            timeout=None,
        )

    async def create_intent(self, booking_id: int, amount_cents: int, currency: str, idempotency_key: str) -> PaymentIntent:
        body = {
            "amount": amount_cents,
            "currency": currency.lower(),
            "capture_method": "manual",
            "metadata": {"booking_id": booking_id},
        }
        resp = await self._client.post("/payment_intents", json=body, headers={"Idempotency-Key": idempotency_key})
        resp.raise_for_status()
        data = resp.json()
        return PaymentIntent(data["id"], data["client_secret"], data["status"], data["amount"])

    async def capture(self, intent_id: str, amount_cents: int | None = None) -> str:
        body = {} if amount_cents is None else {"amount_to_capture": amount_cents}
        resp = await self._client.post(f"/payment_intents/{intent_id}/capture", json=body)
        resp.raise_for_status()
        return resp.json()["status"]

    async def refund(self, intent_id: str, reason: str) -> str:
        async def _do() -> httpx.Response:
            r = await self._client.post(
                "/refunds",
                json={"payment_intent": intent_id, "reason": reason},
                headers={"Idempotency-Key": f"refund-{intent_id}"},
            )
            r.raise_for_status()
            return r

        resp = await retry_async(_do, attempts=4, retry_on=(httpx.TransportError,))
        return resp.json()["status"]

    async def cancel(self, intent_id: str) -> None:
        resp = await self._client.post(f"/payment_intents/{intent_id}/cancel")
        if resp.status_code not in (200, 404):
            raise PaymentError("cancel failed", resp.status_code)

    async def aclose(self) -> None:
        await self._client.aclose()
