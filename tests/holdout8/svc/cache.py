"""Redis clients and small redis-backed caches."""

from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def build_main_redis(settings: Settings) -> Redis:
    """Primary store for queues, lobbies and locks, resolved through Sentinel."""
    sentinel = Sentinel(
        settings.redis_sentinels,
        sentinel_kwargs={"socket_timeout": 1.0},
        socket_timeout=settings.redis_socket_timeout,
    )
    return sentinel.master_for(
        settings.redis_service_name,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=1.0,
        decode_responses=True,
        health_check_interval=30,
    )


def build_leaderboard_redis(settings: Settings) -> Redis:
    return Redis(
        host=settings.leaderboard_redis_host,
        port=settings.leaderboard_redis_port,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )


def build_presence_redis(settings: Settings) -> Redis:
    return Redis.from_url(settings.presence_redis_url, decode_responses=True)


class LoadoutCache:
    """Rendered loadouts, keyed by player; invalidated on every equip change."""

    def __init__(self, redis: Redis, ttl_seconds: int = 600) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    @staticmethod
    def _key(player_id: int) -> str:
        return f"loadout:{player_id}"

    async def get(self, player_id: int) -> dict[str, Any] | None:
        raw = await self._redis.get(self._key(player_id))
        return json.loads(raw) if raw else None

    async def put(self, player_id: int, loadout: dict[str, Any]) -> None:
        await self._redis.set(self._key(player_id), json.dumps(loadout), ex=self._ttl)

    async def invalidate(self, player_id: int) -> None:
        await self._redis.delete(self._key(player_id))
