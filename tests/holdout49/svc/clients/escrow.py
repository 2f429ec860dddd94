"""Client for the external escrow provider (authorise, capture, refund)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from svc.config import get_settings, outbound_headers
from svc.utils.resilience import CircuitBreaker, with_backoff

log = logging.getLogger(__name__)


class PaymentError(Exception):
    pass


@dataclass(slots=True)
class EscrowHold:
    reference: str
    status: str
    amount_cents: int


class EscrowClient:
    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        settings = get_settings()
        self._client = client or httpx.AsyncClient(
            base_url=settings.escrow_base_url,
            headers={"Authorization": f"Bearer {settings.escrow_api_key}"},
            timeout=httpx.Timeout(8.0, connect=2.0),
        )
        self._breaker = CircuitBreaker("escrow", failure_threshold=5, reset_after=20)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def authorise(self, buyer_id: int, lot_id: int, amount_cents: int) -> EscrowHold:
        payload = {"buyer": str(buyer_id), "order": f"lot-{lot_id}", "amount": amount_cents, "currency": "EUR"}

        async def _post() -> httpx.Response:
            resp = await self._client.post("/holds", json=payload, headers=outbound_headers())
            resp.raise_for_status()
            return resp

        resp = await self._breaker.call(lambda: with_backoff(_post))
        body = resp.json()
        return EscrowHold(reference=body["id"], status=body["status"], amount_cents=amount_cents)

    async def capture(self, reference: str, amount_cents: int) -> str:
        try:
            resp = await self._client.post(f"/holds/{reference}/capture", json={"amount": amount_cents})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.error("escrow capture failed ref=%s: %s", reference, exc)
            raise PaymentError(f"capture failed for {reference}")
        return resp.json()["status"]

    async def refund(self, reference: str) -> None:
        async def _post() -> None:
            resp = await self._client.post(f"/holds/{reference}/release", headers=outbound_headers())
            resp.raise_for_status()

        try:
            await with_backoff(_post)
        except httpx.HTTPError as exc:
            raise PaymentError(f"release failed for {reference}") from exc

    async def fetch_status(self, reference: str) -> str | None:
        resp = await self._client.get(f"/holds/{reference}", headers=outbound_headers())
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return resp.json()["status"]

    async def open_dispute(self, reference: str, reason: str, evidence_urls: list[str]) -> str:
        async def _post() -> httpx.Response:
            resp = await self._client.post(
                f"/holds/{reference}/disputes",
                json={"reason": reason, "evidence": evidence_urls},
                headers=outbound_headers(),
            )
            resp.raise_for_status()
            return resp

        try:
            opened = await self._breaker.call(lambda: with_backoff(_post))
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 409:
                return "already_open"
            raise PaymentError(f"dispute failed for {reference}") from exc
        return opened.json()["dispute_id"]
