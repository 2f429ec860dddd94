from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

import httpx

from ..config import get_settings
from ..utils.resilience import RETRYABLE_STATUS, CircuitBreaker, RetryableStatus, with_backoff

log = logging.getLogger(__name__)


class GatewayRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class GatewayClient:
    """HTTP client for the executing broker's order gateway."""

    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=httpx.Timeout(timeout, connect=2.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("gateway", failure_threshold=5, reset_after=20.0)
        self._final_status: dict[str, dict[str, Any]] = {}

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post(self, path: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        async def attempt() -> dict[str, Any]:
            resp = await self._client.post(path, json=payload, headers={"Idempotency-Key": idempotency_key})
            if resp.status_code in RETRYABLE_STATUS:
                raise RetryableStatus(resp.status_code)
            if resp.status_code == 422:
                raise GatewayRejected(resp.json().get("reason", "rejected"))
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.call(lambda: with_backoff(attempt, attempts=3))

    async def submit_order(
        self,
        client_order_id: str,
        account_number: str,
        symbol: str,
        side: str,
        quantity: int,
        limit_price: Decimal | None,
    ) -> dict[str, Any]:
        payload = {
            "clientOrderId": client_order_id,
            "account": account_number,
            "symbol": symbol,
            "side": side,
            "qty": quantity,
            "type": "limit" if limit_price is not None else "market",
            "limitPrice": str(limit_price) if limit_price is not None else None,
        }
        return await self._post("/v1/orders", payload, idempotency_key=client_order_id)

    async def cancel_order(self, exchange_order_id: str) -> dict[str, Any]:
        return await self._post(f"/v1/orders/{exchange_order_id}/cancel", {}, idempotency_key=f"cxl-{exchange_order_id}")

    async def order_status(self, exchange_order_id: str) -> dict[str, Any]:
        cached = self._final_status.get(exchange_order_id)
        if cached is not None:
            return cached
        resp = await self._client.get(f"/v1/orders/{exchange_order_id}")
        resp.raise_for_status()
        body = resp.json()
        if body.get("status") in ("filled", "canceled", "rejected"):
            self._final_status[exchange_order_id] = body
        return body

    async def positions_snapshot(self, account_number: str) -> list[dict[str, Any]]:
        resp = await self._client.get("/v1/positions", params={"account": account_number}, timeout=None)
        resp.raise_for_status()
        return resp.json()["positions"]


_gateway: GatewayClient | None = None


def get_gateway() -> GatewayClient:
    global _gateway
    if _gateway is None:
        s = get_settings()
        _gateway = GatewayClient(s.gateway_base_url, s.gateway_api_key, s.http_timeout_seconds)
    return _gateway
