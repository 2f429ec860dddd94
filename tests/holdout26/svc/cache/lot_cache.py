"""Short-lived caches for lot summaries shown on listing pages."""
from __future__ import annotations

import json
import logging
from typing import Any

from cachetools import TTLCache

from svc.cache.redis import cache_redis

log = logging.getLogger(__name__)


class LotCache:
    def __init__(self, ttl_s: float = 5.0) -> None:
        self._summaries: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=20_000, ttl=ttl_s)

    def get_summary(self, lot_id: int) -> dict[str, Any] | None:
        if lot_id not in self._summaries:
            return None
        return self._summaries[lot_id]

    def get_summary_copy(self, lot_id: int) -> dict[str, Any] | None:
        cached = self._summaries.get(lot_id)
        return dict(cached) if cached is not None else None

    def put_summary(self, lot_id: int, summary: dict[str, Any]) -> None:
        self._summaries[lot_id] = summary

    async def invalidate(self, lot_id: int) -> None:
        self._summaries.pop(lot_id, None)
        await cache_redis.delete(f"lot:{lot_id}:summary", f"lot:{lot_id}:quotes")

    async def category_page(self, category: str) -> list[dict[str, Any]] | None:
        raw = await cache_redis.get(f"cat:{category}:page0")
        if raw is None:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            log.warning("corrupt category cache entry for %s", category)
            await cache_redis.delete(f"cat:{category}:page0")
            return None

    async def store_category_page(self, category: str, rows: list[dict[str, Any]]) -> None:
        await cache_redis.set(f"cat:{category}:page0", json.dumps(rows, default=str), ex=15)


lot_cache = LotCache()
