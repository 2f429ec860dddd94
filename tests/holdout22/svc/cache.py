"""Redis connections and small in-process caches."""
from __future__ import annotations

from typing import Any

from cachetools import TTLCache
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import settings


def create_cache_redis() -> Redis:
    sentinel = Sentinel(settings.redis_sentinels, socket_timeout=settings.redis_socket_timeout, socket_connect_timeout=2.0)
    return sentinel.master_for(settings.redis_master_name, socket_timeout=settings.redis_socket_timeout, decode_responses=True)


def create_jobs_redis() -> Redis:
    return Redis(host=settings.redis_host, port=6379, socket_timeout=settings.redis_socket_timeout, socket_connect_timeout=2.0)


class RedisHolder:
    def __init__(self) -> None:
        self.cache: Redis | None = None
        self.jobs: Redis | None = None

    async def open(self) -> None:
        self.cache = create_cache_redis()
        self.jobs = create_jobs_redis()

    async def close(self) -> None:
        for client in (self.cache, self.jobs):
            if client is not None:
                await client.aclose()


redis_holder = RedisHolder()


class ListingCardCache:
    """Listing cards for search results; invalidated by TTL only."""

    def __init__(self) -> None:
        self._cards: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=20_000, ttl=120)

    def get(self, listing_id: int) -> dict[str, Any] | None:
        card = self._cards.get(listing_id)
        if card is None:
            return None
        return card

    def put(self, listing_id: int, card: dict[str, Any]) -> None:
        self._cards[listing_id] = card


class AmenityCache:
    def __init__(self) -> None:
        self._by_listing: TTLCache[int, tuple[str, ...]] = TTLCache(maxsize=20_000, ttl=600)

    def get(self, listing_id: int) -> tuple[str, ...] | None:
        return self._by_listing.get(listing_id)

    def put(self, listing_id: int, amenities: list[str]) -> None:
        self._by_listing[listing_id] = tuple(sorted(amenities))


card_cache = ListingCardCache()
amenity_cache = AmenityCache()
