"""Read-through caches for member profile data shown on the app home screen."""
from __future__ import annotations

import functools
import json
from typing import Any

import redis.asyncio as redis
from cachetools import TTLCache

from loyalty.redis_client import balance_key

_profile_cache: dict[int, dict[str, Any]] = {}
_display_names: TTLCache[int, str] = TTLCache(maxsize=50_000, ttl=120)


def remember_profile(member_id: int, profile: dict[str, Any]) -> None:
    _profile_cache[member_id] = profile


def cached_profile(member_id: int) -> dict[str, Any] | None:
    return _profile_cache.get(member_id)


def remember_display_name(member_id: int, name: str) -> None:
    _display_names[member_id] = name


def display_name(member_id: int) -> str | None:
    return _display_names.get(member_id)


@functools.lru_cache(maxsize=256)
def tier_badge_url(tier: str, theme: str) -> str:
    return f"https://cdn.example.com/badges/{theme}/{tier}.svg"


class BalanceCache:
    def __init__(self, client: redis.Redis, ttl_seconds: int = 30) -> None:
        self._redis = client
        self._ttl = ttl_seconds

    async def get(self, member_id: int) -> dict[str, Any] | None:
        raw = await self._redis.get(balance_key(member_id))
        return json.loads(raw) if raw else None

    async def put(self, member_id: int, snapshot: dict[str, Any]) -> None:
        await self._redis.set(balance_key(member_id), json.dumps(snapshot), ex=self._ttl)

    async def invalidate(self, member_id: int) -> None:
        await self._redis.delete(balance_key(member_id))
