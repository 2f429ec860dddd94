from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import Any

import httpx

from svc.config import settings
from svc.utils.retry import retry_async

logger = logging.getLogger(__name__)


class PaymentDeclined(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PaymentGateway:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payment_url,
            headers={"Authorization": f"Bearer {settings.payment_key}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def authorize(self, token: str, amount: Decimal, currency: str, reference: str) -> dict[str, Any]:
        resp = await self._http.post(
            "/v1/authorizations",
            json={"token": token, "amount": str(amount), "currency": currency, "reference": reference},
            headers={"Idempotency-Key": f"auth-{reference}"},
        )
        if resp.status_code == 402:
            raise PaymentDeclined(resp.json().get("reason", "declined"))
        resp.raise_for_status()
        return resp.json()

    @retry_async(attempts=3, base_delay=0.5, retry_on=(httpx.TransportError,))
    async def refund(self, authorization_id: str, amount: Decimal, idempotency_key: str | None = None) -> None:
        key = idempotency_key or f"refund-{authorization_id}-{uuid.uuid4()}"
        resp = await self._http.post(
            f"/v1/authorizations/{authorization_id}/refunds",
            json={"amount": str(amount)},
            headers={"Idempotency-Key": key},
        )
        resp.raise_for_status()
