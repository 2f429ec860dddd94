"""Client for the PayCity payment provider."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.clients.breaker import CircuitBreaker
from svc.errors import PaymentDeclinedError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PaymentIntent:
    provider_ref: str
    checkout_url: str
    status: str


class PaymentsClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
        )
        self._breaker = CircuitBreaker("paycity")

    async def aclose(self) -> None:
        await self._http.aclose()

    @retry(
        retry=retry_if_exception_type(httpx.TransportError),
        wait=wait_exponential(multiplier=0.3, max=4),
        stop=stop_after_attempt(4),
        reraise=True,
    )
    async def create_intent(self, permit_number: str, amount_cents: int, idempotency_key: str) -> PaymentIntent:
        async def _do() -> httpx.Response:
            return await self._http.post(
                "/intents",
                json={"reference": permit_number, "amount": amount_cents, "currency": "USD"},
                headers={"Idempotency-Key": idempotency_key},
            )

        resp = await self._breaker.call(_do)
        if resp.status_code == 402:
            raise PaymentDeclinedError(resp.json().get("reason", "declined"))
        resp.raise_for_status()
        body = resp.json()
        return PaymentIntent(body["id"], body["checkout_url"], body["status"])

    async def get_status(self, provider_ref: str) -> str:
        async def _fetch() -> httpx.Response:
            return await self._http.get(f"/intents/{provider_ref}")

        response = await self._breaker.call(_fetch)
        response.raise_for_status()
        return str(response.json()["status"])
