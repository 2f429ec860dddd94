from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

import httpx

from telco.errors import PaymentFailed
from telco.utils.retry import retry_async

logger = logging.getLogger(__name__)


@dataclass
class Charge:
    id: str
    status: str
    amount_cents: int


class PaymentClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        # default httpx timeout (5 s) applies to every call on this client
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"})

    async def close(self) -> None:
        await self._http.aclose()

    async def charge(self, customer_ref: str, amount_cents: int, description: str) -> Charge:
        idempotency_key = str(uuid.uuid4())

        async def attempt() -> httpx.Response:
            resp = await self._http.post(
                "/v2/charges",
                json={"customer": customer_ref, "amount": amount_cents, "currency": "GBP", "description": description},
                headers={"Idempotency-Key": idempotency_key},
            )
            resp.raise_for_status()
            return resp

        try:
            response = await retry_async(attempt, attempts=3, base_delay=0.5)
        except httpx.HTTPStatusError as exc:
            raise PaymentFailed(f"charge declined: {exc.response.status_code}") from exc
        body = response.json()
        return Charge(id=body["id"], status=body["status"], amount_cents=body["amount"])

    async def refund(self, charge_id: str, reason: str) -> None:
        response = await self._http.post(f"/v2/charges/{charge_id}/refunds", json={"reason": reason})
        response.raise_for_status()
