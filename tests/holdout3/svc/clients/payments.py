"""PayStream payment provider: captures, refunds and payouts (transfers)."""
from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import httpx
from pydantic import BaseModel
from tenacity import (
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from svc.clients.breaker import CircuitBreaker
from svc.config import Settings
from svc.errors import ProviderError


class TransientProviderError(ProviderError):
    code = "provider_transient"


class Transfer(BaseModel):
    id: str
    status: str
    amount_minor: int
    currency: str
    created: int


_RETRYABLE = retry_if_exception_type((httpx.TransportError, TransientProviderError))


class PaymentProviderClient:
    def __init__(self, http: httpx.AsyncClient, breaker: CircuitBreaker) -> None:
        self._http = http
        self._breaker = breaker

    @classmethod
    def from_settings(cls, settings: Settings) -> PaymentProviderClient:
        http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key.get_secret_value()}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        breaker = CircuitBreaker(
            "paystream", failure_threshold=5, expected=(httpx.TransportError, TransientProviderError)
        )
        return cls(http, breaker)

    async def aclose(self) -> None:
        await self._http.aclose()

    @staticmethod
    def _check(resp: httpx.Response) -> dict[str, Any]:
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            status = exc.response.status_code
            if status >= 500 or status == 429:
                raise TransientProviderError(f"paystream returned {status}") from exc
            raise ProviderError(f"paystream rejected the request ({status})") from exc
        return resp.json()

    @retry(stop=stop_after_attempt(4), wait=wait_exponential_jitter(initial=0.2, max=4.0), retry=_RETRYABLE, reraise=True)
    async def create_transfer(
        self, *, destination: str, amount_minor: int, currency: str, idempotency_key: str
    ) -> Transfer:
        body = {"destination": destination, "amount": amount_minor, "currency": currency}
        async with self._breaker:
            resp = await self._http.post("/transfers", json=body, headers={"Idempotency-Key": idempotency_key})
            return Transfer.model_validate(self._check(resp))

    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.2, max=2.0), retry=_RETRYABLE, reraise=True)
    async def get_transfer(self, transfer_id: str) -> Transfer:
        async with self._breaker:
            resp = await self._http.get(f"/transfers/{transfer_id}")
            return Transfer.model_validate(self._check(resp))

    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.5, max=4.0), retry=_RETRYABLE, reraise=True)
    async def _list_transfers(self, params: dict[str, Any]) -> dict[str, Any]:
        async with self._breaker:
            resp = await self._http.get("/transfers", params=params)
            return self._check(resp)

    async def iter_transfers(self, *, created_from: datetime, created_to: datetime) -> AsyncIterator[Transfer]:
        params: dict[str, Any] = {
            "created[gte]": int(created_from.timestamp()),
            "created[lt]": int(created_to.timestamp()),
            "limit": 100,
        }
        while True:
            page = await self._list_transfers(params)
            for item in page["data"]:
                yield Transfer.model_validate(item)
            cursor = page.get("next_cursor")
            if not cursor:
                return
            params["starting_after"] = cursor

    async def capture(self, payment_id: str, amount_minor: int, *, idempotency_key: str) -> dict[str, Any]:
        async with self._breaker:
            resp = await self._http.post(f"/payments/{payment_id}/capture", json={"amount": amount_minor}, headers={"Idempotency-Key": idempotency_key})
            return self._check(resp)

    @retry(stop=stop_after_attempt(4), wait=wait_exponential_jitter(initial=0.5, max=8.0), retry=_RETRYABLE, reraise=True)
    async def refund(self, payment_id: str, amount_minor: int, *, idempotency_key: str) -> dict[str, Any]:
        resp = await self._http.post(f"/payments/{payment_id}/refunds", json={"amount": amount_minor}, headers={"Idempotency-Key": idempotency_key})
        return self._check(resp)


def verify_signature(secret: bytes, body: bytes, header: str, *, tolerance: int = 300) -> bool:
    """Check a `PayStream-Signature: t=<unix>,v1=<hex>` header against the raw body."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
        signature = parts["v1"]
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
