"""Supplier price lookups, remembered for a minute."""
from __future__ import annotations

import time

import httpx

TTL_SECONDS = 60.0


class SupplierPrices:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._price_cache: dict[str, tuple[float, float]] = {}  # expect: unbounded-cache

    async def price(self, sku: str) -> float:
        if sku in self._price_cache:
            value, stored_at = self._price_cache[sku]
            if time.monotonic() - stored_at < TTL_SECONDS:
                return value
        response = await self._client.get(f"/prices/{sku}")
        value = float(response.json()["price"])
        self._price_cache[sku] = (value, time.monotonic())
        return value


class SupplierStock:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._stock_cache: dict[str, tuple[int, float]] = {}

    async def stock(self, sku: str) -> int:
        hit = self._stock_cache.get(sku)
        if hit is not None:
            if time.monotonic() - hit[1] < TTL_SECONDS:
                return hit[0]
            self._stock_cache.pop(sku, None)  # expired: dropped when seen
        response = await self._client.get(f"/stock/{sku}")
        count = int(response.json()["count"])
        self._stock_cache[sku] = (count, time.monotonic())
        return count
