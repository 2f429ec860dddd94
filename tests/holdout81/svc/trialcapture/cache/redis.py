from __future__ import annotations

import json
import logging
from typing import Any

import redis.asyncio as redis

from ..settings import Settings

log = logging.getLogger(__name__)

QUERY_CHANNEL_PREFIX = "edc:query-thread:"


def build_redis(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(
        settings.redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        decode_responses=True,
    )


def subject_key(subject_id: int) -> str:
    return f"edc:subject:{subject_id}"


def screening_counter_key(site_id: int) -> str:
    return f"edc:screening-seq:{site_id}"


def permission_key(user_id: str, study_id: int) -> str:
    return f"edc:perm:{user_id}:{study_id}"


def query_channel(query_id: int) -> str:
    return f"{QUERY_CHANNEL_PREFIX}{query_id}"


def dashboard_key(study_id: int) -> str:
    return f"edc:dashboard:{study_id}"


class JsonCache:
    """JSON values in redis; a failed read is treated as a miss."""

    def __init__(self, client: redis.Redis) -> None:
        self._r = client

    async def get(self, key: str) -> Any | None:
        try:
            raw = await self._r.get(key)
        except redis.RedisError as exc:
            log.warning("cache read failed for %s: %s", key, exc)
            return None
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int | None = None) -> None:
        await self._r.set(key, json.dumps(value, default=str), ex=ttl)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self._r.delete(*keys)
