from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

SEARCH_TTL_S = 30


def search_key(query: str, category: str | None, page: int) -> str:
    digest = hashlib.blake2s(f"{query}|{category}|{page}".encode(), digest_size=12).hexdigest()
    return f"search:{digest}"


class SearchCache:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def get(self, key: str) -> list[dict[str, Any]] | None:
        try:
            raw = await self.redis.get(key)
        except RedisError:
            log.warning("search cache read failed; querying postgres", exc_info=True)
            return None
        return json.loads(raw) if raw else None

    async def put(self, key: str, results: list[dict[str, Any]]) -> None:
        try:
            await self.redis.set(key, json.dumps(results), ex=SEARCH_TTL_S)
        except RedisError:
            log.warning("search cache write failed", exc_info=True)

    async def put_facets(self, category: str, facets: dict[str, int]) -> None:
        await self.redis.set(f"facets:{category}", json.dumps(facets))
