"""PayNest payments API client."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings
from svc.errors import PaymentDeclined

logger = logging.getLogger(__name__)

payments_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
        )
        self._capture_lock = asyncio.Lock()

    async def aclose(self) -> None:
        await self._http.aclose()

    @payments_breaker
    async def authorize(self, order_id: int, amount_cents: int, payment_token: str) -> str:
        payload = {"amount": amount_cents, "currency": "EUR", "source": payment_token, "reference": str(order_id)}
        resp = await self._http.post("/authorizations", json=payload, headers={"Idempotency-Key": f"auth-{order_id}"})
        if resp.status_code == 402:
            raise PaymentDeclined(resp.json().get("reason", "card declined"))
        resp.raise_for_status()
        return str(resp.json()["authorization_id"])

    async def capture(self, authorization_id: str, amount_cents: int) -> None:
        async with self._capture_lock:
            resp = await self._http.post(f"/authorizations/{authorization_id}/capture", json={"amount": amount_cents})
            resp.raise_for_status()

    async def payment_status(self, authorization_id: str) -> str:
        resp = await self._http.get(f"/authorizations/{authorization_id}")
        resp.raise_for_status()
        return str(resp.json()["status"])

    async def refund(self, authorization_id: str, amount_cents: int, reason: str) -> str:
        body = {"amount": amount_cents, "reason": reason}
        headers = {"Idempotency-Key": f"refund-{authorization_id}"}
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(3),
            wait=wait_exponential_jitter(initial=0.2, max=2.0),
            retry=retry_if_exception_type(httpx.TransportError),
            reraise=True,
        ):
            with attempt:
                resp = await self._http.post(f"/authorizations/{authorization_id}/refunds", json=body, headers=headers)
        resp.raise_for_status()
        logger.info("refund issued", extra={"authorization_id": authorization_id, "amount": amount_cents})
        return str(resp.json()["refund_id"])
