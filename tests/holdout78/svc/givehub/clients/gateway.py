from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import httpx

from ..errors import GatewayDeclined, GatewayError
from ..settings import Settings
from ..utils.resilience import CircuitBreaker, CircuitOpen, with_retry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChargeResult:
    reference: str
    status: str
    fee_cents: int


class PaymentGateway:
    """Client for the Payrail card/direct-debit gateway."""

    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.gateway_base_url,
            headers={"Authorization": f"Bearer {settings.gateway_api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("payrail", threshold=5, reset_after=30)

    async def close(self) -> None:
        await self._client.aclose()

    @with_retry(attempts=3)
    async def _post(self, path: str, payload: dict, idempotency_key: str) -> dict:
        async def send() -> httpx.Response:
            return await self._client.post(path, json=payload, headers={"Idempotency-Key": idempotency_key})

        resp = await self._breaker.call(send)
        if resp.status_code == 402:
            raise GatewayDeclined(resp.json().get("decline_code", "declined"))
        resp.raise_for_status()
        return resp.json()

    async def charge(self, amount_cents: int, currency: str, token: str, idempotency_key: str) -> ChargeResult:
        try:
            body = await self._post(
                "/charges",
                {"amount": amount_cents, "currency": currency, "source": token},
                idempotency_key,
            )
        except (httpx.HTTPError, CircuitOpen) as exc:
            raise GatewayError("charge failed") from exc
        return ChargeResult(body["id"], body["status"], body.get("fee", 0))

    async def charge_mandate(self, mandate: str, amount_cents: int, idempotency_key: str) -> ChargeResult:
        try:
            body = await self._post(
                "/mandates/charges", {"mandate": mandate, "amount": amount_cents}, idempotency_key
            )
        except (httpx.HTTPError, CircuitOpen) as exc:
            raise GatewayError("mandate charge failed") from exc
        return ChargeResult(body["id"], body["status"], body.get("fee", 0))

    async def refund(self, reference: str, amount_cents: int, idempotency_key: str) -> str:
        body = await self._post(f"/charges/{reference}/refunds", {"amount": amount_cents}, idempotency_key)
        return body["id"]

    async def fetch_settlement_report(self, day: date) -> list[dict]:
        resp = await self._client.get("/settlements", params={"date": day.isoformat()})
        resp.raise_for_status()
        return resp.json()["items"]
