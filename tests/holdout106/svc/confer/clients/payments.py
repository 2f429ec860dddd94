from __future__ import annotations

import asyncio
import logging
import random

import httpx

from ..core.errors import PaymentError
from ..core.settings import Settings

log = logging.getLogger(__name__)

_RETRYABLE = {429, 502, 503, 504}


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.payments_api_url
        self._headers = {"Authorization": f"Bearer {settings.payments_api_key}"}

    async def create_intent(self, amount_cents: int, currency: str, idempotency_key: str) -> dict:
        headers = {**self._headers, "Idempotency-Key": idempotency_key}
        async with httpx.AsyncClient(base_url=self._base, headers=headers, timeout=10.0) as client:
            for attempt in range(5):
                try:
                    resp = await client.post("/intents", json={"amount": amount_cents, "currency": currency})
                except httpx.TransportError as exc:
                    log.warning("payments transport error %s (attempt %d)", exc, attempt)
                else:
                    if resp.status_code not in _RETRYABLE:
                        resp.raise_for_status()
                        return resp.json()
                await asyncio.sleep(min(8.0, 0.25 * 2**attempt) + random.random() / 10)
        raise PaymentError("payment provider unavailable")

    async def refund(self, provider_ref: str, amount_cents: int) -> dict:
        client = httpx.AsyncClient(base_url=self._base, headers=self._headers, timeout=10.0)
        try:
            resp = await client.post(f"/intents/{provider_ref}/refunds", json={"amount": amount_cents})
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            log.warning("refund rejected for %s: %s", provider_ref, exc.response.text)
            raise PaymentError(f"refund rejected: {exc.response.status_code}")
        return resp.json()

    async def exchange_rates(self, base: str) -> dict[str, float]:
        async with httpx.AsyncClient(base_url=self._base, headers=self._headers) as client:
            resp = await client.get("/fx", params={"base": base})
            resp.raise_for_status()
            return resp.json()["rates"]
