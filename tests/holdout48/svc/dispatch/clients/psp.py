"""Payment service provider client (authorize / capture / refund)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from dispatch.config import Settings
from dispatch.utils.metrics import PSP_CALLS
from dispatch.utils.resilience import CircuitBreaker, with_backoff

logger = logging.getLogger(__name__)


class PaymentError(Exception):
    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(slots=True)
class CaptureResult:
    reference: str
    status: str
    amount_cents: int


class PSPClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.psp_base_url,
            headers={"Authorization": f"Bearer {settings.psp_api_key}"},
            timeout=httpx.Timeout(settings.psp_timeout, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("psp", failure_threshold=8, reset_after=20.0)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def authorize(self, customer_id: str, amount_cents: int, idempotency_key: str) -> str:
        async def _call() -> httpx.Response:
            return await self._client.post(
                "/authorizations",
                json={"customer": customer_id, "amount": amount_cents, "currency": "USD"},
                headers={"Idempotency-Key": idempotency_key},
            )

        try:
            resp = await self._breaker.call(lambda: with_backoff(_call, retry_on=(httpx.TransportError,)))
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            PSP_CALLS.labels("authorize", "error").inc()
            raise PaymentError(f"authorization rejected: {exc.response.status_code}") from exc
        PSP_CALLS.labels("authorize", "ok").inc()
        return resp.json()["id"]

    async def capture(self, authorization_id: str, amount_cents: int, idempotency_key: str) -> CaptureResult:
        async def _call() -> httpx.Response:
            resp = await self._client.post(
                f"/authorizations/{authorization_id}/capture",
                json={"amount": amount_cents},
                headers={"Idempotency-Key": idempotency_key},
            )
            if resp.status_code >= 500:
                resp.raise_for_status()
            return resp

        resp = await self._breaker.call(
            lambda: with_backoff(_call, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
        )
        if resp.status_code == 402:
            PSP_CALLS.labels("capture", "declined").inc()
            return CaptureResult(reference=authorization_id, status="declined", amount_cents=amount_cents)
        resp.raise_for_status()
        body = resp.json()
        PSP_CALLS.labels("capture", "ok").inc()
        return CaptureResult(reference=body["id"], status=body["status"], amount_cents=body["amount"])

    async def refund(self, capture_id: str, amount_cents: int, reason: str) -> str:
        try:
            resp = await self._client.post(
                f"/captures/{capture_id}/refunds",
                json={"amount": amount_cents, "reason": reason},
            )
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            logger.error("refund failed for %s: %s", capture_id, exc.response.text)
            raise PaymentError("refund failed", retryable=exc.response.status_code >= 500)
        return resp.json()["id"]
