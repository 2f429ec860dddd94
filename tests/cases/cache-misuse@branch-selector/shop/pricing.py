"""Price lists, cached per product; the currency and the tax mode change the value."""
from __future__ import annotations

import json
from decimal import Decimal

from redis.asyncio import Redis

from .catalog import Catalog, convert, with_vat


class PriceService:
    def __init__(self, redis: Redis, catalog: Catalog) -> None:
        self._redis = redis
        self._catalog = catalog

    async def price_list(self, product_id: int, currency: str) -> dict:
        key = f"prices:{product_id}"  # expect: cache-misuse
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        prices = await self._catalog.prices(product_id)
        if currency != "EUR":
            prices = convert(prices, currency)
        await self._redis.set(key, json.dumps(prices), ex=300)
        return prices

    async def price_list_keyed(self, product_id: int, currency: str) -> dict:
        # the currency is part of the key: correct
        key = f"prices:{product_id}:{currency}"
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        prices = await self._catalog.prices(product_id)
        if currency != "EUR":
            prices = convert(prices, currency)
        await self._redis.set(key, json.dumps(prices), ex=300)
        return prices


class ShelfPrice:
    def __init__(self, cache, catalog: Catalog) -> None:
        self.cache = cache
        self.catalog = catalog

    async def shelf_price(self, sku: str, gross: bool) -> str:
        cache_key = "shelf:" + sku  # expect: cache-misuse
        hit = await self.cache.get(cache_key)
        if hit:
            return hit
        amount: Decimal = await self.catalog.base_price(sku)
        label = f"{amount:.2f}"
        if gross:
            label = f"{with_vat(amount):.2f}"
        await self.cache.set(cache_key, label, ttl=60)
        return label

    async def shelf_price_logged(self, sku: str, verbose: bool) -> str:
        # the flag only decides whether to log, the value is the same: correct
        cache_key = "shelf:" + sku
        hit = await self.cache.get(cache_key)
        if hit:
            return hit
        amount: Decimal = await self.catalog.base_price(sku)
        if verbose:
            print("computed", sku)
        label = f"{amount:.2f}"
        await self.cache.set(cache_key, label, ttl=60)
        return label
