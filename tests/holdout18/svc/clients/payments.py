"""Client for the card payment provider (intents, capture, refunds, payouts)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import httpx

from svc.clients.resilience import http_retry, payments_breaker, payouts_breaker
from svc.config import settings
from svc.errors import PaymentDeclined, PaymentProviderError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PaymentIntent:
    id: str
    client_secret: str
    status: str


def _minor_units(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


class PaymentsClient:
    def __init__(self, http: httpx.AsyncClient | None = None) -> None:
        self._http = http or httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @payments_breaker
    @http_retry()
    async def create_intent(self, order_id: int, amount: Decimal, currency: str, idem_key: str) -> PaymentIntent:
        resp = await self._http.post(
            "/v1/payment_intents",
            json={"amount": _minor_units(amount), "currency": currency, "metadata": {"order_id": order_id}},
            headers={"Idempotency-Key": idem_key},
        )
        resp.raise_for_status()
        body = resp.json()
        return PaymentIntent(id=body["id"], client_secret=body["client_secret"], status=body["status"])

    @payments_breaker
    @http_retry()
    async def capture(self, intent_id: str, idem_key: str) -> str:
        resp = await self._http.post(f"/v1/payment_intents/{intent_id}/capture", headers={"Idempotency-Key": idem_key})
        if resp.status_code == 402:
            raise PaymentDeclined("card declined", detail=resp.json())
        resp.raise_for_status()
        return resp.json()["status"]

    @payments_breaker
    async def refund(self, intent_id: str, amount: Decimal, idem_key: str) -> str:
        try:
            resp = await self._http.post("/v1/refunds", json={"payment_intent": intent_id, "amount": _minor_units(amount)}, headers={"Idempotency-Key": idem_key})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning("refund failed for %s: %s", intent_id, exc)
            raise PaymentProviderError("refund failed") from exc
        return resp.json()["id"]


class PayoutsClient:
    """Organiser payouts; slow batch endpoint on the provider side."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payouts_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @payouts_breaker
    @http_retry(attempts=5)
    async def transfer(self, organiser_account: str, amount: Decimal, currency: str, reference: str) -> str:
        resp = await self._http.post(
            "/v1/transfers",
            json={"destination": organiser_account, "amount": _minor_units(amount), "currency": currency},
            headers={"Idempotency-Key": reference},
        )
        resp.raise_for_status()
        return resp.json()["id"]
