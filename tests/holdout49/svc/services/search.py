from __future__ import annotations

import logging
from typing import Any

from redis.asyncio import Redis

from svc.cache.search_cache import SearchCache, search_key
from svc.repos import search_repo

log = logging.getLogger(__name__)

PAGE_SIZE = 24


class SearchService:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.cache = SearchCache(redis)

    async def search(self, query: str, category: str | None, page: int) -> list[dict[str, Any]]:
        key = search_key(query, category, page)
        cached = await self.cache.get(key)
        if cached is not None:
            return cached
        results = await search_repo.search_titles(query, category, PAGE_SIZE, page * PAGE_SIZE)
        if page == 0 and len(results) < PAGE_SIZE:
            extra = await search_repo.search_descriptions(query, PAGE_SIZE)
            results = self._merge(results, extra)
        if not results and len(query) >= 3:
            results = await search_repo.search_substring(query, PAGE_SIZE)
        await self.cache.put(key, results)
        return results

    @staticmethod
    def _merge(primary: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen = {row["id"] for row in primary}
        merged = list(primary)
        for row in extra:
            if row["id"] not in seen:
                seen.add(row["id"])
                merged.append(row)
        return merged

    async def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = prefix.lower()
        return await self.redis.zrangebylex("suggest:titles", f"[{prefix}", f"[{prefix}\xff", 0, limit)

    async def facets(self) -> dict[str, int]:
        counts = await search_repo.category_counts()
        return dict(sorted(counts.items(), key=lambda kv: kv[1], reverse=True))

    async def similar(self, lot_id: int, title: str, category: str, limit: int = 6) -> list[dict[str, Any]]:
        key = f"similar:{lot_id}"
        hit = await self.cache.get(key)
        if hit is not None:
            return hit
        words = " ".join(w for w in title.split() if len(w) > 3)[:120]
        if not words:
            return []
        rows = await search_repo.search_titles(words, category, limit + 1, 0)
        results = [r for r in rows if r["id"] != lot_id][:limit]
        await self.cache.put(key, results)
        return results
