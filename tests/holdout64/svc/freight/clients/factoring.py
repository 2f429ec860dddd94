from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

import httpx

log = logging.getLogger(__name__)


class FactoringRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Advance:
    reference: str
    advance_cents: int
    fee_cents: int


class FactoringClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"X-Api-Key": api_key},
            timeout=None,
        )

    async def close(self) -> None:
        await self._http.aclose()

    async def submit_invoice(self, account_id: str, invoice_number: int, amount_cents: int, documents: list[str]) -> Advance:
        resp = await self._http.post(
            "/v3/schedules",
            json={
                "account": account_id,
                "invoice": str(invoice_number),
                "amountCents": amount_cents,
                "documents": documents,
            },
            headers={"Idempotency-Key": f"inv-{invoice_number}"},
        )
        if resp.status_code == 422:
            raise FactoringRejected(resp.json().get("reason", "rejected"))
        resp.raise_for_status()
        data = resp.json()
        return Advance(reference=data["id"], advance_cents=data["advanceCents"], fee_cents=data["feeCents"])

    async def payout_status(self, reference: str) -> str:
        resp = await self._http.get(f"/v3/schedules/{reference}")
        resp.raise_for_status()
        return resp.json()["status"]

    @staticmethod
    def new_batch_id() -> str:
        return uuid.uuid4().hex
