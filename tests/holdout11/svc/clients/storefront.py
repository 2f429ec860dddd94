"""Storefront gateway: full order payloads, fulfilment updates and catalogue sync."""
from __future__ import annotations

from typing import Any

import aiohttp

from svc.config import Settings


class StorefrontClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.storefront_base_url
        self._token = settings.storefront_token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            headers={"Authorization": f"Bearer {self._token}", "Accept": "application/json"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("storefront client used before start()")
        return self._session

    async def fetch_order(self, shop_id: str, order_ref: str) -> dict[str, Any]:
        async with self.session.get(f"/shops/{shop_id}/orders/{order_ref}") as resp:
            resp.raise_for_status()
            return await resp.json()

    async def push_fulfilment(self, shop_id: str, order_ref: str, tracking_number: str, carrier: str) -> None:
        payload = {"tracking_number": tracking_number, "tracking_company": carrier, "notify_customer": True}
        async with self.session.post(f"/shops/{shop_id}/orders/{order_ref}/fulfilments", json=payload) as resp:
            resp.raise_for_status()
