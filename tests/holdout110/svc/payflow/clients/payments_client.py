from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import httpx
import structlog

from payflow.clients.resilience import CircuitBreaker
from payflow.clients.resilience import retry_transient
from payflow.errors import PaymentsError
from payflow.settings import get_settings

log = structlog.get_logger(__name__)


@dataclass(slots=True)
class ProviderPayout:
    id: str
    status: str
    failure_reason: str | None = None


class PaymentsClient:
    """Client for the bank-rail payments API used for employee and contractor payouts."""

    def __init__(self, base_url: str | None = None, api_key: str | None = None) -> None:
        settings = get_settings()
        self._http = httpx.AsyncClient(
            base_url=base_url or settings.payments_base_url,
            headers={"Authorization": f"Bearer {api_key or settings.payments_api_key}"},
            timeout=None,
        )
        self.breaker = CircuitBreaker("payments", failure_threshold=5, reset_after=60)

    async def close(self) -> None:
        await self._http.aclose()

    @retry_transient
    async def create_payout(
        self, *, amount: Decimal, currency: str, destination: str, idempotency_key: str, memo: str
    ) -> ProviderPayout:
        async def _do() -> ProviderPayout:
            resp = await self._http.post(
                "/payouts",
                json={
                    "amount": str(amount),
                    "currency": currency,
                    "destination": destination,
                    "memo": memo,
                },
                headers={"Idempotency-Key": idempotency_key},
            )
            if resp.status_code >= 400:
                raise PaymentsError(
                    "payout rejected", details={"status": resp.status_code, "body": resp.text[:500]}
                )
            body = resp.json()
            return ProviderPayout(id=body["id"], status=body["status"])

        return await self.breaker.call(_do)

    async def get_payout(self, payout_id: str) -> ProviderPayout:
        resp = await self._http.get(f"/payouts/{payout_id}")
        resp.raise_for_status()
        body = resp.json()
        return ProviderPayout(body["id"], body["status"], body.get("failure_reason"))

    async def list_payouts(self, payout_ids: list[str]) -> list[ProviderPayout]:
        resp = await self._http.get("/payouts", params={"ids": ",".join(payout_ids)})
        resp.raise_for_status()
        return [
            ProviderPayout(p["id"], p["status"], p.get("failure_reason"))
            for p in resp.json()["data"]
        ]

    @retry_transient
    async def cancel_payout(self, payout_id: str, reason: str) -> ProviderPayout:
        resp = await self._http.post(f"/payouts/{payout_id}/cancel", json={"reason": reason})
        if resp.status_code == 409:
            body = resp.json()
            return ProviderPayout(payout_id, body.get("status", "unknown"), body.get("message"))
        resp.raise_for_status()
        body = resp.json()
        return ProviderPayout(body["id"], body["status"], body.get("failure_reason"))

    async def get_funding_balance(self, account_id: str) -> Decimal:
        resp = await self._http.get(f"/accounts/{account_id}/balance")
        resp.raise_for_status()
        return Decimal(resp.json()["available"])
