from __future__ import annotations

import logging
import time
from decimal import Decimal

import httpx

from ..config import Settings
from ..errors import PaymentDeclined, UpstreamUnavailable
from ..observability import UPSTREAM_LATENCY
from ..utils.resilience import CircuitBreaker, retry_async

log = logging.getLogger(__name__)

_TRANSIENT = (httpx.ConnectError, httpx.ReadTimeout, httpx.RemoteProtocolError)


class PaymentGateway:
    """PayGate v2 client: card-on-file charges for autopay and refunds."""

    def __init__(self, settings: Settings) -> None:
        headers = {"Authorization": f"Bearer {settings.payment_api_key}"}
        self._client = httpx.AsyncClient(
            base_url=settings.payment_base_url,
            headers=headers,
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=10),
        )
        # refunds are processed synchronously by the acquirer and can take a while
        self._refunds = httpx.AsyncClient(base_url=settings.payment_base_url, headers=headers, timeout=None)
        self._breaker = CircuitBreaker("paygate", failure_threshold=8, reset_after=20.0)

    async def aclose(self) -> None:
        await self._client.aclose()
        await self._refunds.aclose()

    async def charge(self, token: str, amount: Decimal, idempotency_key: str) -> dict:
        body = {"source": token, "amount_minor": int(amount * 100), "currency": "EUR"}

        async def _once() -> httpx.Response:
            started = time.perf_counter()
            try:
                resp = await self._client.post(
                    "/charges", json=body, headers={"Idempotency-Key": idempotency_key}
                )
            finally:
                UPSTREAM_LATENCY.labels("paygate", "charge").observe(time.perf_counter() - started)
            if resp.status_code >= 500:
                resp.raise_for_status()
            return resp

        try:
            resp = await retry_async(
                lambda: self._breaker.call(_once), attempts=3, retry_on=_TRANSIENT + (httpx.HTTPStatusError,), label="paygate.charge"
            )
        except httpx.HTTPError as exc:
            raise UpstreamUnavailable("payment gateway unavailable") from exc
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise PaymentDeclined(exc.response.json().get("message", "declined"))
        return resp.json()

    async def refund(self, charge_id: str, amount: Decimal, reason: str) -> dict:
        resp = await self._refunds.post(
            f"/charges/{charge_id}/refunds",
            json={"amount_minor": int(amount * 100), "reason": reason},
        )
        resp.raise_for_status()
        return resp.json()
