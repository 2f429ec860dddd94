"""Redis connection and the tracking-snapshot cache shared by every replica."""

from __future__ import annotations

import json
from typing import Any

import redis.asyncio as redis

from svc.config import Settings


def create_redis(settings: Settings) -> redis.Redis:
    return redis.Redis(
        host=settings.redis_host,
        port=settings.redis_port,
        db=settings.redis_db,
        socket_timeout=settings.redis_socket_timeout_s,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        decode_responses=True,
    )


class TrackingCache:
    """Short-lived public tracking snapshots, keyed by tracking number."""

    def __init__(self, client: redis.Redis, ttl_s: int) -> None:
        self._redis = client
        self._ttl = ttl_s

    @staticmethod
    def _key(tracking_number: str) -> str:
        return f"trk:snapshot:{tracking_number}"

    async def get(self, tracking_number: str) -> dict[str, Any] | None:
        raw = await self._redis.get(self._key(tracking_number))
        return json.loads(raw) if raw else None

    async def put(self, tracking_number: str, snapshot: dict[str, Any]) -> None:
        await self._redis.set(self._key(tracking_number), json.dumps(snapshot, default=str), ex=self._ttl)

    async def invalidate(self, tracking_number: str) -> None:
        await self._redis.delete(self._key(tracking_number))
