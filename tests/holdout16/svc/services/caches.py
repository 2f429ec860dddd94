"""Caches used by the bidder and the campaign API."""
from __future__ import annotations

import functools
import json
import threading
from decimal import Decimal
from typing import Any

from cachetools import TTLCache
from redis.asyncio import Redis

_creative_markup: dict[int, str] = {}


def cached_markup(creative_id: int) -> str | None:
    return _creative_markup.get(creative_id)


def remember_markup(creative_id: int, markup: str) -> None:
    _creative_markup[creative_id] = markup


@functools.lru_cache(maxsize=4096)
def normalize_domain(domain: str) -> str:
    host = domain.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


class TargetingCache:
    """Line-item targeting rules, kept for a short TTL on each bidder replica."""

    def __init__(self, maxsize: int = 20_000, ttl: float = 30.0) -> None:
        self._entries: TTLCache[int, dict[str, list[str]]] = TTLCache(maxsize=maxsize, ttl=ttl)

    def get(self, line_item_id: int) -> dict[str, list[str]] | None:
        return self._entries.get(line_item_id)

    def put(self, line_item_id: int, rules: dict[str, list[str]]) -> None:
        self._entries[line_item_id] = rules

    def drop(self, line_item_id: int) -> None:
        self._entries.pop(line_item_id, None)


class CampaignCache:
    """Read-through cache of campaign settings in redis, shared by all replicas."""

    def __init__(self, redis: Redis, ttl: int = 60) -> None:
        self._redis = redis
        self._ttl = ttl

    @staticmethod
    def _key(campaign_id: int) -> str:
        return f"campaign:{campaign_id}"

    async def get(self, campaign_id: int) -> dict[str, Any] | None:
        raw = await self._redis.get(self._key(campaign_id))
        return json.loads(raw) if raw else None

    async def put(self, campaign_id: int, data: dict[str, Any]) -> None:
        await self._redis.set(self._key(campaign_id), json.dumps(data, default=str), ex=self._ttl)

    async def invalidate(self, campaign_id: int) -> None:
        await self._redis.delete(self._key(campaign_id))


class FloorPriceCache:
    """Per-domain floor prices mirrored from redis; sync admin endpoints read it too."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._floors: dict[str, Decimal] = {}
        self._refresh_lock = threading.Lock()

    def get(self, domain: str) -> Decimal | None:
        return self._floors.get(domain)

    async def refresh(self) -> int:
        with self._refresh_lock:
            raw = await self._redis.hgetall("floors:by-domain")
            self._floors = {domain: Decimal(value) for domain, value in raw.items()}
        return len(self._floors)
