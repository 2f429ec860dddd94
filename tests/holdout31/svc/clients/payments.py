"""Payment service provider client (card pre-authorisation, capture, refund)."""
from __future__ import annotations

import logging
from typing import Any

import httpx
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from svc.config import settings
from svc.errors import CircuitOpenError, PaymentDeclined, UpstreamError
from svc.utils.resilience import CircuitBreaker

log = logging.getLogger(__name__)


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, CircuitOpenError):
        return False
    return isinstance(exc, (httpx.TransportError, UpstreamError))


_retry_transient = retry(
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.3, max=3.0),
    retry=retry_if_exception(_is_transient),
    reraise=True,
)


class PaymentGateway:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.payment_base_url,
            timeout=httpx.Timeout(settings.payment_timeout, connect=3.0),
            headers={"Authorization": f"Bearer {settings.payment_api_key}"},
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("payments", fail_max=5, reset_timeout=30.0)

    async def _post(self, path: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        resp = await self._client.post(path, json=payload, headers={"Idempotency-Key": idempotency_key})
        if resp.status_code == 402:
            raise PaymentDeclined(resp.json().get("message", "payment declined"))
        if resp.status_code >= 500:
            raise UpstreamError(f"payment provider returned {resp.status_code}")
        resp.raise_for_status()
        return resp.json()

    async def authorize(self, payment_method_token: str, amount_cents: int, idempotency_key: str) -> dict[str, Any]:
        payload = {"payment_method": payment_method_token, "amount": amount_cents, "capture": False}
        return await self._breaker.call(self._post, "/authorizations", payload, idempotency_key)

    @_retry_transient
    async def capture(self, provider_ref: str, amount_cents: int, idempotency_key: str) -> dict[str, Any]:
        return await self._breaker.call(self._post, f"/authorizations/{provider_ref}/capture", {"amount": amount_cents}, idempotency_key)

    @_retry_transient
    async def refund(self, provider_ref: str, amount_cents: int, idempotency_key: str) -> dict[str, Any]:
        return await self._breaker.call(self._post, f"/payments/{provider_ref}/refunds", {"amount": amount_cents}, idempotency_key)

    async def aclose(self) -> None:
        await self._client.aclose()
