from __future__ import annotations

import asyncio
import logging
import random
from typing import Any

import httpx

from ..observability import PAYMENT_LATENCY

log = logging.getLogger(__name__)

_RETRYABLE_STATUS = {429, 502, 503, 504}


class PaymentDeclined(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class PaymentProviderError(Exception):
    pass


class PaymentsClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post_with_retry(self, path: str, body: dict[str, Any], idempotency_key: str) -> httpx.Response:
        delay = 0.2
        for attempt in range(4):
            try:
                response = await self._client.post(path, json=body, headers={"Idempotency-Key": idempotency_key})
            except httpx.TransportError:
                if attempt == 3:
                    raise
            else:
                if response.status_code not in _RETRYABLE_STATUS or attempt == 3:
                    return response
            await asyncio.sleep(delay + random.uniform(0, delay))
            delay *= 2
        raise PaymentProviderError(f"exhausted retries for {path}")

    async def create_intent(self, amount_cents: int, currency: str, order_ref: str) -> dict[str, Any]:
        with PAYMENT_LATENCY.labels("create_intent").time():
            intent_response = await self._post_with_retry(
                "/payment_intents",
                {"amount": amount_cents, "currency": currency, "reference": order_ref},
                idempotency_key=f"intent-{order_ref}",
            )
        if intent_response.status_code == 402:
            err = intent_response.json().get("error", {})
            raise PaymentDeclined(err.get("code", "declined"), err.get("message", "card declined"))
        intent_response.raise_for_status()
        return intent_response.json()

    async def capture(self, intent_id: str) -> dict[str, Any]:
        with PAYMENT_LATENCY.labels("capture").time():
            response = await self._post_with_retry(
                f"/payment_intents/{intent_id}/capture", {}, idempotency_key=f"capture-{intent_id}"
            )
        response.raise_for_status()
        return response.json()

    async def get_intent(self, intent_id: str) -> dict[str, Any]:
        response = await self._client.get(f"/payment_intents/{intent_id}")
        response.raise_for_status()
        return response.json()

    async def refund(self, intent_id: str, amount_cents: int, reason: str) -> dict[str, Any]:
        resp = await self._client.post(
            "/refunds",
            json={"payment_intent": intent_id, "amount": amount_cents, "reason": reason},
            headers={"Idempotency-Key": f"refund-{intent_id}-{amount_cents}"},
        )
        resp.raise_for_status()
        return resp.json()
