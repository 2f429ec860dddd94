"""Payments provider client: card holds, captures, releases and refunds."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import settings
from svc.errors import PaymentError

logger = logging.getLogger(__name__)

payments_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))

_transient = retry(
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.2, max=2.0),
    retry=retry_if_exception_type(httpx.TransportError),
    reraise=True,
)


@dataclass(frozen=True)
class Hold:
    hold_id: str
    amount: Decimal
    currency: str
    status: str


class PaymentsClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    @classmethod
    def create(cls) -> PaymentsClient:
        http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
        )
        return cls(http)

    async def aclose(self) -> None:
        await self._http.aclose()

    @payments_breaker
    @_transient
    async def authorize_hold(self, amount: Decimal, currency: str, *, reference: str, card_token: str) -> Hold:
        payload = {"amount": str(amount), "currency": currency, "reference": reference, "source": card_token}
        resp = await self._http.post("/holds", json=payload, headers={"Idempotency-Key": f"hold-{reference}"})
        if resp.status_code == 402:
            raise PaymentError("card declined", detail=resp.json())
        resp.raise_for_status()
        body = resp.json()
        return Hold(body["id"], Decimal(body["amount"]), body["currency"], body["status"])

    async def capture(self, hold_id: str, amount: Decimal) -> None:
        headers = {"Idempotency-Key": f"capture-{hold_id}"}
        resp = await self._http.post(f"/holds/{hold_id}/capture", json={"amount": str(amount)}, headers=headers)
        resp.raise_for_status()

    @_transient
    async def release(self, hold_id: str) -> None:
        resp = await self._http.post(f"/holds/{hold_id}/release", headers={"Idempotency-Key": f"release-{hold_id}"})
        if resp.status_code not in (200, 404):
            resp.raise_for_status()

    async def refund(self, payment_id: str, amount: Decimal, reason: str) -> str:
        body = {"amount": str(amount), "reason": reason}
        resp = await self._http.post(f"/payments/{payment_id}/refunds", json=body, timeout=None)
        resp.raise_for_status()
        return resp.json()["refund_id"]
