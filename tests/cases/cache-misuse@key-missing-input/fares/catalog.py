"""Catalogue items cached per source: the cache namespaces each entry by the source's own key."""
from __future__ import annotations

from typing import Any


class Source:
    lookup_key = "source"

    async def fetch(self, item_id: str) -> dict[str, Any]:
        return {"id": item_id}


class NamespacedCache:
    async def get(self, key: str, base_key: str = "", default: Any = None) -> Any:
        return default

    async def set(self, key: str, value: Any, base_key: str = "") -> None:
        return None


class Catalog:
    def __init__(self, cache: NamespacedCache, sources: dict[str, Source]) -> None:
        self.cache = cache
        self._sources = sources

    async def item(self, item_id: str, source_id: str) -> dict[str, Any]:
        if not (source := self._sources.get(source_id)):
            raise KeyError(source_id)
        key = f"item.{item_id}"
        if hit := await self.cache.get(key, base_key=source.lookup_key):
            return hit
        item = await source.fetch(item_id)
        await self.cache.set(key, item, base_key=source.lookup_key)
        return item

    async def item_anywhere(self, item_id: str, source_id: str) -> dict[str, Any]:
        key = f"item.{item_id}"  # expect: cache-misuse
        if hit := await self.cache.get(key, default=source_id):
            return hit
        item = await self._load(item_id, source_id)
        await self.cache.set(key, item)
        return item

    async def _load(self, item_id: str, source_id: str) -> dict[str, Any]:
        return await self._sources[source_id].fetch(item_id)
