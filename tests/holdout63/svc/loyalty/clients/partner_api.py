"""Client for the rewards partner network (voucher issuing and catalog)."""
from __future__ import annotations

import logging
import time
from typing import Any

import httpx

from loyalty.clients.resilience import CircuitBreaker, retry_async
from loyalty.config import Settings
from loyalty.utils.metrics import OUTBOUND_ERRORS, OUTBOUND_LATENCY

log = logging.getLogger(__name__)


class PartnerError(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class PartnerClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.partner_base_url,
            headers={"Authorization": f"Bearer {settings.partner_api_key}"},
            timeout=None,
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("partner-catalog", failure_threshold=5, reset_after=20)

    async def close(self) -> None:
        await self._client.aclose()

    async def issue_voucher(self, partner_code: str, member_ref: str, idempotency_key: str) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            response = await self._client.post(
                f"/partners/{partner_code}/vouchers",
                json={"member": member_ref},
                headers={"Idempotency-Key": idempotency_key},
            )
            response.raise_for_status()
        except httpx.HTTPStatusError as exc:
            OUTBOUND_ERRORS.labels("partner").inc()
            raise PartnerError(f"partner {partner_code} refused voucher", exc.response.status_code)
        finally:
            OUTBOUND_LATENCY.labels("partner", "issue_voucher").observe(time.perf_counter() - started)
        return response.json()

    async def fetch_catalog(self, region: str) -> list[dict[str, Any]]:
        async def _get() -> list[dict[str, Any]]:
            response = await self._client.get("/catalog", params={"region": region})
            response.raise_for_status()
            return response.json()["items"]

        return await self._breaker.call(
            lambda: retry_async(_get, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))
        )

    async def voucher_status(self, partner_ref: str) -> dict[str, Any]:
        response = await self._client.get(f"/vouchers/{partner_ref}")
        response.raise_for_status()
        return response.json()

    async def voucher_statuses(self, partner_refs: list[str]) -> list[dict[str, Any]]:
        reply = await self._client.post("/vouchers/status:batch", json={"refs": partner_refs})
        reply.raise_for_status()
        return reply.json()["vouchers"]

    async def cancel_voucher(self, partner_ref: str) -> None:
        try:
            response = await self._client.delete(f"/vouchers/{partner_ref}")
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise PartnerError(f"could not cancel voucher {partner_ref}") from exc

    async def list_partners(self) -> list[dict[str, Any]]:
        async def _get() -> list[dict[str, Any]]:
            response = await self._client.get("/partners", timeout=httpx.Timeout(3.0))
            response.raise_for_status()
            return response.json()["partners"]

        return await retry_async(_get, attempts=4, base_delay=0.5, retry_on=(httpx.TransportError,))

    async def ping(self) -> bool:
        try:
            response = await self._client.get("/ping", timeout=httpx.Timeout(1.0))
        except httpx.HTTPError:
            return False
        return response.status_code == 200
