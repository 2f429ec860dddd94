"""Card funding through the payment processor (payment intents + webhooks)."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import httpx

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcessorEvent:
    id: str
    type: str
    payment_intent_id: str
    data: dict[str, Any]


class CardProcessorClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, auth=(api_key, ""))

    async def create_payment_intent(self, amount_minor: int, currency: str, transfer_id: str) -> dict[str, Any]:
        resp = await self._http.post(
            "/v1/payment_intents",
            data={"amount": amount_minor, "currency": currency.lower(), "metadata[transfer_id]": transfer_id,
                  "capture_method": "manual"},
            headers={"Idempotency-Key": f"pi-{transfer_id}"},
        )
        resp.raise_for_status()
        return resp.json()

    async def capture(self, payment_intent_id: str) -> dict[str, Any]:
        resp = await self._http.post(
            f"/v1/payment_intents/{payment_intent_id}/capture",
            headers={"Idempotency-Key": f"cap-{payment_intent_id}"},
        )
        resp.raise_for_status()
        return resp.json()

    async def refund(self, payment_intent_id: str, amount_minor: int) -> dict[str, Any]:
        resp = await self._http.post(
            "/v1/refunds",
            data={"payment_intent": payment_intent_id, "amount": amount_minor},
            headers={"Idempotency-Key": f"rf-{payment_intent_id}-{amount_minor}"},
        )
        resp.raise_for_status()
        return resp.json()

    @staticmethod
    def parse_event(body: bytes) -> ProcessorEvent | None:
        try:
            raw = json.loads(body)
            obj = raw["data"]["object"]
            return ProcessorEvent(raw["id"], raw["type"], obj["id"], obj)
        except Exception:
            log.warning("unparseable processor event (%d bytes)", len(body))
            return None

    async def aclose(self) -> None:
        await self._http.aclose()
