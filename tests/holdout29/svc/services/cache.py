"""Caching helpers for course catalog data."""

from __future__ import annotations

import json
import logging

from cachetools import TTLCache
from redis.asyncio import Redis

logger = logging.getLogger(__name__)


class CatalogCache:
    """Small in-process cache in front of Redis for catalog cards.

    Entries are short-lived; the Redis copy is the one invalidated on writes.
    """

    def __init__(self, redis: Redis, ttl_seconds: int = 60) -> None:
        self._redis = redis
        self._local: TTLCache[int, dict] = TTLCache(maxsize=2048, ttl=ttl_seconds)
        self._ttl = ttl_seconds

    def _key(self, course_id: int) -> str:
        return f"catalog:card:{course_id}"

    async def get(self, course_id: int) -> dict | None:
        card = self._local.get(course_id)
        if card is not None:
            return card
        raw = await self._redis.get(self._key(course_id))
        if raw is None:
            return None
        card = json.loads(raw)
        self._local[course_id] = card
        return card

    async def get_copy(self, course_id: int) -> dict | None:
        card = await self.get(course_id)
        return dict(card) if card is not None else None

    async def put(self, course_id: int, card: dict) -> None:
        self._local[course_id] = card
        await self._redis.set(self._key(course_id), json.dumps(card), ex=self._ttl * 10)

    async def invalidate(self, course_id: int) -> None:
        self._local.pop(course_id, None)
        await self._redis.delete(self._key(course_id))
