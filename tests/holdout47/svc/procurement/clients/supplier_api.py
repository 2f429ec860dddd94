from __future__ import annotations

import logging
from typing import Any

import httpx

from procurement.config import get_settings
from procurement.utils.retry import async_retry

log = logging.getLogger(__name__)


class SupplierAPIError(Exception):
    def __init__(self, supplier_id: int, message: str) -> None:
        super().__init__(message)
        self.supplier_id = supplier_id


class SupplierGateway:
    """Talks to the supplier network gateway, which proxies each supplier's own API."""

    def __init__(self) -> None:
        settings = get_settings()
        self._client = httpx.AsyncClient(
            base_url=settings.supplier_gateway_url,
            timeout=httpx.Timeout(settings.supplier_timeout_seconds, connect=3.0),
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send_rfq(self, supplier_id: int, rfq_payload: dict[str, Any]) -> str:
        resp = await self._client.post(f"/suppliers/{supplier_id}/rfqs", json=rfq_payload)
        if resp.status_code >= 400:
            raise SupplierAPIError(supplier_id, f"rfq rejected: {resp.status_code}")
        return resp.json()["external_ref"]

    @async_retry(attempts=4, base_delay=0.5)
    async def fetch_bids(self, supplier_id: int, external_ref: str) -> list[dict[str, Any]]:
        resp = await self._client.get(f"/suppliers/{supplier_id}/rfqs/{external_ref}/bids")
        resp.raise_for_status()
        return resp.json()["bids"]

    @async_retry(attempts=3)
    async def send_po(self, supplier_id: int, po_payload: dict[str, Any]) -> None:
        resp = await self._client.post(f"/suppliers/{supplier_id}/orders", json=po_payload)
        resp.raise_for_status()

    async def confirmation_status(self, supplier_id: int, po_number: str) -> str | None:
        try:
            resp = await self._client.get(f"/suppliers/{supplier_id}/orders/{po_number}/confirmation")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("confirmation lookup failed supplier=%s po=%s: %s", supplier_id, po_number, exc)
            return None
        return resp.json().get("status")


async def lookup_supplier_profile(api_base_url: str, token: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=api_base_url) as client:
        resp = await client.get("/profile", headers={"Authorization": f"Bearer {token}"})
        resp.raise_for_status()
        return resp.json()
