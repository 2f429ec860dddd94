"""Per-replica caches of slowly changing catalogue data."""
from __future__ import annotations

from dataclasses import dataclass

from cachetools import LRUCache, TTLCache


@dataclass(frozen=True)
class Brand:
    slug: str
    name: str


class CatalogDirectory:
    def __init__(self, store) -> None:
        self._store = store
        self._products: TTLCache[int, list[dict]] = TTLCache(maxsize=512, ttl=120)
        self._brands: TTLCache[str, Brand] = TTLCache(maxsize=256, ttl=600)
        self._names: LRUCache[int, tuple[str, ...]] = LRUCache(maxsize=256)

    async def products_for_category(self, category_id: int) -> list[dict]:
        cached = self._products.get(category_id)
        if cached is not None:
            return cached  # expect: cache-misuse
        rows = [dict(p) for p in await self._store.products(category_id)]
        self._products[category_id] = rows
        return rows

    async def brand(self, slug: str) -> Brand:
        hit = self._brands.get(slug)
        if hit is not None:
            return hit
        row = await self._store.brand(slug)
        frozen = Brand(slug=row["slug"], name=row["name"])
        self._brands[slug] = frozen
        return frozen

    async def product_names(self, category_id: int) -> tuple[str, ...]:
        names = self._names.get(category_id)
        if names is not None:
            return names
        names = tuple(p["name"] for p in await self._store.products(category_id))
        self._names[category_id] = names
        return names

    async def products_copy(self, category_id: int) -> list[dict]:
        cached = self._products.get(category_id)
        if cached is not None:
            return list(cached)
        return await self.products_for_category(category_id)
