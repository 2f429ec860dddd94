"""Storefront API: tracking numbers are pushed back once a label is printed."""
from __future__ import annotations

import aiohttp


class StorefrontClient:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=10))

    async def push_fulfilment(self, shop_id: str, order_ref: str, tracking: str) -> None:
        payload = {"tracking_number": tracking, "notify_customer": True}
        async with self._session.post(f"/shops/{shop_id}/orders/{order_ref}/fulfilments", json=payload) as resp:  # expect: no-retry
            resp.raise_for_status()

    async def preview_label(self, shop_id: str, order_ref: str) -> dict:
        async with self._session.get(f"/shops/{shop_id}/orders/{order_ref}/preview") as resp:
            resp.raise_for_status()
            return await resp.json()
