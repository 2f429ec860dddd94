"""Payout provider client (bank transfers / PayPal-style payouts)."""
from __future__ import annotations

import logging

import httpx

from svc.config import settings
from svc.errors import PaymentProviderError
from svc.logging_setup import trace_headers

log = logging.getLogger(__name__)


class PaymentsClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
        )

    async def create_transfer(self, account_id: str, amount_cents: int, idempotency_key: str) -> str:
        headers = {"Idempotency-Key": idempotency_key, **trace_headers()}
        resp = await self._client.post(
            "/v1/transfers",
            json={"destination": account_id, "amount": amount_cents, "currency": "USD"},
            headers=headers,
        )
        if resp.status_code >= 400:
            raise PaymentProviderError(f"transfer rejected: {resp.status_code} {resp.text[:200]}")
        return resp.json()["transfer_id"]

    async def transfer_status(self, transfer_id: str) -> str:
        resp = await self._client.get(f"/v1/transfers/{transfer_id}", headers=trace_headers())
        resp.raise_for_status()
        return resp.json()["status"]

    async def aclose(self) -> None:
        await self._client.aclose()
