from __future__ import annotations

import logging
from typing import Any

import httpx

from ..utils.resilience import with_retry
from . import PaymentDeclined, PaymentError, PaymentTransient

logger = logging.getLogger(__name__)


class PaymentsClient:
    """Paywell REST API: customers, charges and refunds, amounts in minor units."""

    def __init__(self, base_url: str, api_key: str) -> None:
        headers = {"Authorization": f"Bearer {api_key}", "Paywell-Version": "2023-10-01"}
        self._client = httpx.AsyncClient(base_url=base_url, headers=headers, timeout=None)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def create_charge(
        self,
        *,
        customer_id: str,
        amount_pence: int,
        currency: str,
        idempotency_key: str,
        description: str,
    ) -> dict[str, Any]:
        payload = {"customer": customer_id, "amount": amount_pence, "currency": currency.lower(),
                   "description": description, "capture": True}

        async def _post() -> dict[str, Any]:
            resp = await self._client.post("/charges", json=payload, headers={"Idempotency-Key": idempotency_key})
            return self._parse(resp)

        return await with_retry(_post, attempts=3, retry_on=(httpx.TransportError, PaymentTransient), label="paywell charge")

    async def refund(self, charge_id: str, amount_pence: int | None = None, reason: str = "requested_by_customer") -> dict[str, Any]:
        body: dict[str, Any] = {"charge": charge_id, "reason": reason}
        if amount_pence is not None:
            body["amount"] = amount_pence
        resp = await self._client.post("/refunds", json=body)
        return self._parse(resp)

    @staticmethod
    def _parse(resp: httpx.Response) -> dict[str, Any]:
        if resp.status_code == 402:
            raise PaymentDeclined(resp.json().get("decline_code", "unknown"))
        if resp.status_code == 429 or resp.status_code >= 500:
            raise PaymentTransient(f"paywell {resp.status_code}", status=resp.status_code)
        if resp.status_code >= 400:
            raise PaymentError(f"paywell {resp.status_code}: {resp.text[:200]}", status=resp.status_code)
        return resp.json()
