"""Payment provider client for fare-card top-ups."""
from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass

import httpx

from transit.utils.retry import retry_async

logger = logging.getLogger(__name__)


class PaymentError(Exception):
    pass


class PaymentDeclined(PaymentError):
    pass


@dataclass
class Charge:
    reference: str
    status: str
    amount_cents: int


class PaymentsClient:
    def __init__(self, base_url: str, api_key: str, webhook_secret: str = "") -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(8.0, connect=2.0),
            headers={"Authorization": f"Bearer {api_key}"},
        )
        self._webhook_secret = webhook_secret.encode()

    async def charge(self, *, amount_cents: int, payment_method: str, idempotency_key: str) -> Charge:
        async def _post() -> httpx.Response:
            response = await self._client.post(
                "/charges",
                json={"amount": amount_cents, "currency": "usd", "payment_method": payment_method},
                headers={"Idempotency-Key": idempotency_key},
            )
            if response.status_code >= 500:
                response.raise_for_status()
            return response

        response = await retry_async(
            _post, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError), label="payments.charge"
        )
        try:
            response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if response.status_code == 402:
                raise PaymentDeclined(response.json().get("decline_code", "declined"))
            raise PaymentError(f"charge failed: {response.status_code}") from exc
        body = response.json()
        return Charge(reference=body["id"], status=body["status"], amount_cents=body["amount"])

    async def refund(self, reference: str) -> None:
        try:
            response = await self._client.post(f"/charges/{reference}/refund")
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise PaymentError(f"refund of {reference} failed") from exc

    def verify_webhook(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._webhook_secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)

    async def aclose(self) -> None:
        await self._client.aclose()
