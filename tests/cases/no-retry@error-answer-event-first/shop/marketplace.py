"""Marketplace partner API: stock levels are pushed in full, order events one by one."""
from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)


class MarketplaceApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def replace_stock(self, sku: str, on_hand: int) -> None:
        # the whole level is sent each time: the next push carries the same state
        resp = await self._http.put(f"/stock/{sku}", json={"on_hand": on_hand})
        if resp.status_code >= 400:
            log.warning("stock push for %s answered %s", sku, resp.status_code)

    async def order_shipped(self, order_ref: str, tracking: str) -> None:
        resp = await self._http.post(f"/orders/{order_ref}/events", json={"kind": "shipped", "tracking": tracking})  # expect: no-retry
        if resp.status_code >= 400:
            log.error("shipped event for %s rejected: %s", order_ref, resp.status_code)
