from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import Any

import httpx

from ..config import Settings
from ..utils.resilience import CircuitBreaker, with_retry

log = logging.getLogger(__name__)


class PaymentError(Exception):
    pass


class PaymentDeclined(PaymentError):
    pass


class PaymentClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.payment_api_url,
            headers={"Authorization": f"Bearer {settings.payment_api_key}"},
            timeout=None,
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("payments", threshold=5, reset_after=20.0)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def charge(self, token: str, amount: Decimal, reference: str) -> dict[str, Any]:
        async def _do() -> httpx.Response:
            return await self._client.post(
                "/charges",
                json={"source": token, "amount": str(amount), "currency": "USD", "reference": reference},
                headers={"Idempotency-Key": reference},
            )

        resp = await self._breaker.call(_do)
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if resp.status_code == 402:
                raise PaymentDeclined(resp.json().get("decline_code", "declined")) from exc
            raise PaymentError(f"charge failed: {resp.status_code}") from exc
        return resp.json()

    async def charge_status(self, charge_id: str) -> dict[str, Any]:
        async def _do() -> dict[str, Any]:
            resp = await self._client.get(f"/charges/{charge_id}")
            resp.raise_for_status()
            return resp.json()

        return await with_retry(_do, retry_on=(httpx.TransportError,))

    async def refund(self, charge_id: str, amount: Decimal | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"charge": charge_id, "idempotency": str(uuid.uuid4())}
        if amount is not None:
            body["amount"] = str(amount)
        resp = await self._client.post("/refunds", json=body)
        resp.raise_for_status()
        return resp.json()
