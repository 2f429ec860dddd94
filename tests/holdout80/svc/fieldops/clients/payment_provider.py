from __future__ import annotations

import asyncio
import hashlib
import hmac
import random
from decimal import Decimal

import httpx

from fieldops.errors import PaymentError
from fieldops.logging_setup import get_logger

logger = get_logger(__name__)

RETRYABLE_STATUS = {429, 502, 503, 504}


class PaymentProviderClient:
    """Thin client for the card-payment gateway. Built once in the lifespan."""

    def __init__(self, base_url: str, api_key: str, webhook_secret: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=None,
        )
        self._webhook_secret = webhook_secret.encode()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _post(self, path: str, payload: dict, idempotency_key: str) -> dict:
        delay = 0.5
        for attempt in range(4):
            try:
                resp = await self._http.post(path, json=payload, headers={"Idempotency-Key": idempotency_key})
                if resp.status_code not in RETRYABLE_STATUS:
                    resp.raise_for_status()
                    return resp.json()
            except httpx.TransportError:
                if attempt == 3:
                    raise
            await asyncio.sleep(delay + random.uniform(0, delay / 2))
            delay *= 2
        raise PaymentError("payment provider kept returning retryable errors")

    async def create_payment_link(self, invoice_id: int, amount: Decimal, currency: str = "USD") -> dict:
        payload = {"reference": f"inv-{invoice_id}", "amount": str(amount), "currency": currency}
        return await self._post("/payment_links", payload, idempotency_key=f"link-{invoice_id}")

    async def capture(self, payment_id: str, amount: Decimal) -> dict:
        try:
            return await self._post(
                f"/payments/{payment_id}/capture", {"amount": str(amount)}, idempotency_key=f"cap-{payment_id}"
            )
        except httpx.HTTPStatusError as exc:
            logger.warning("capture rejected", payment_id=payment_id, status=exc.response.status_code)
            raise PaymentError("capture failed", details={"payment_id": payment_id})

    async def refund(self, payment_id: str, amount: Decimal) -> dict:
        try:
            return await self._post(
                f"/payments/{payment_id}/refunds", {"amount": str(amount)}, idempotency_key=f"ref-{payment_id}-{amount}"
            )
        except httpx.HTTPStatusError as exc:
            raise PaymentError("refund failed", details={"payment_id": payment_id}) from exc

    async def get_payment(self, payment_id: str) -> dict:
        resp = await self._http.get(f"/payments/{payment_id}")
        resp.raise_for_status()
        return resp.json()

    def verify_signature(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._webhook_secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
