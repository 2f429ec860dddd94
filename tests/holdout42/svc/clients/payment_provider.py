from __future__ import annotations

from dataclasses import dataclass
import logging
import time
from typing import Any

import httpx

from svc.config import settings
from svc.errors import PaymentDeclined, ProviderUnavailable
from svc.utils.metrics import PAYMENT_CALLS
from svc.utils.resilience import CircuitBreaker, CircuitOpen, retry_async

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PaymentIntent:
    provider_ref: str
    client_secret: str
    status: str


class PaymentProviderClient:
    """Thin wrapper over the PayBridge REST API."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        self._client = client or httpx.AsyncClient(
            base_url=settings.payment_api_base,
            headers={"Authorization": f"Bearer {settings.payment_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("paybridge", failure_threshold=5, reset_after=30.0)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post(self, path: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        started = time.perf_counter()
        outcome = "error"
        try:
            resp = await self._breaker.call(
                lambda: self._client.post(path, json=payload, headers={"Idempotency-Key": idempotency_key})
            )
            resp.raise_for_status()
            outcome = "ok"
            return resp.json()
        finally:
            PAYMENT_CALLS.labels(op=path, outcome=outcome).observe(time.perf_counter() - started)

    @retry_async(attempts=4, retry_on=(httpx.TransportError, ProviderUnavailable))
    async def create_intent(self, *, customer_id: str, amount_cents: int, bill_id: int, idempotency_key: str) -> PaymentIntent:
        try:
            data = await self._post(
                "/payment_intents",
                {"customer": customer_id, "amount": amount_cents, "currency": "gbp", "metadata": {"bill_id": bill_id}},
                idempotency_key,
            )
        except CircuitOpen as exc:
            raise ProviderUnavailable("payment provider circuit open") from exc
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code >= 500:
                raise ProviderUnavailable(f"provider returned {exc.response.status_code}") from exc
            body = exc.response.json()
            raise PaymentDeclined(body.get("error", {}).get("message", "declined"))
        return PaymentIntent(data["id"], data["client_secret"], data["status"])

    async def refund(self, provider_ref: str, amount_cents: int, idempotency_key: str) -> str:
        data = await self._post("/refunds", {"payment_intent": provider_ref, "amount": amount_cents}, idempotency_key)
        return data["id"]

    async def fetch_payment_status(self, provider_ref: str) -> str:
        resp = await self._client.get(f"/payment_intents/{provider_ref}")
        resp.raise_for_status()
        return resp.json()["status"]

    async def list_payment_methods(self, customer_id: str) -> list[dict[str, Any]]:
        resp = await self._client.get(f"/customers/{customer_id}/payment_methods")
        resp.raise_for_status()
        return resp.json()["data"]
