"""Client for the payments provider (charges and refunds)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import aiohttp
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.errors import PaymentDeclined

payments_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


@dataclass(frozen=True, slots=True)
class ChargeResult:
    provider_ref: str
    status: str


class PaymentsClient:
    def __init__(self, base_url: str, api_key: str, timeout_s: float) -> None:
        self._base_url = base_url
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._timeout = aiohttp.ClientTimeout(total=timeout_s, connect=3)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, headers=self._headers, timeout=self._timeout)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @retry(
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.5, max=5),
        retry=retry_if_exception_type(aiohttp.ClientConnectionError),
        reraise=True,
    )
    @payments_breaker
    async def charge(self, customer_ref: str, amount_cents: int, currency: str, idempotency_key: str) -> ChargeResult:
        assert self._session is not None
        payload = {"customer": customer_ref, "amount": amount_cents, "currency": currency}
        async with self._session.post("/v1/charges", json=payload, headers={"Idempotency-Key": idempotency_key}) as resp:
            body = await resp.json()
            if resp.status == 402:
                raise PaymentDeclined(body.get("decline_code", "declined"))
            resp.raise_for_status()
            return ChargeResult(provider_ref=body["id"], status=body["status"])

    @payments_breaker
    async def refund(self, charge_ref: str, amount_cents: int) -> ChargeResult:
        assert self._session is not None
        async with self._session.post("/v1/refunds", json={"charge": charge_ref, "amount": amount_cents}) as resp:
            resp.raise_for_status()
            body = await resp.json()
            return ChargeResult(provider_ref=body["id"], status=body["status"])
