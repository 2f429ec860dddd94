"""Payments provider client used for carrier payouts."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from freightline.config import Settings
from freightline.utils.resilience import retry_async

logger = logging.getLogger(__name__)


class PaymentError(RuntimeError):
    pass


class PayoutFailed(PaymentError):
    def __init__(self, account_id: str, reason: str) -> None:
        super().__init__(f"payout to {account_id} failed: {reason}")
        self.account_id = account_id
        self.reason = reason


@dataclass
class Transfer:
    id: str
    status: str
    amount_cents: int


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @retry_async(attempts=4, base_delay=0.5, retry_on=(httpx.TransportError,))
    async def _post_transfer(self, payload: dict, idempotency_key: str) -> httpx.Response:
        return await self._http.post(
            "/v2/transfers",
            json=payload,
            headers={"Idempotency-Key": idempotency_key},
        )

    async def create_transfer(self, *, account_id: str, amount_cents: int, idempotency_key: str) -> Transfer:
        payload = {"destination": account_id, "amount": amount_cents, "currency": "usd"}
        try:
            resp = await self._post_transfer(payload, idempotency_key)
            resp.raise_for_status()
        except httpx.HTTPError:
            raise PayoutFailed(account_id, "provider error")
        body = resp.json()
        return Transfer(id=body["id"], status=body["status"], amount_cents=body["amount"])

    async def get_balance(self) -> int:
        resp = await self._http.get("/v2/balance")
        resp.raise_for_status()
        return int(resp.json()["available"][0]["amount"])
