"""redis-py client shared by the CLI workers and the threadpool endpoints."""
from __future__ import annotations

import redis

from readroom.settings import get_settings

_client: redis.Redis | None = None


def get_sync_redis() -> redis.Redis:
    global _client
    if _client is None:
        _client = redis.Redis.from_url(
            get_settings().redis_url, decode_responses=True, socket_timeout=5
        )
    return _client


def mark_study_opened(study_uid: str, user_id: int) -> None:
    get_sync_redis().setex(f"opened:{study_uid}:{user_id}", 3600, "1")


def recent_openers(study_uid: str) -> list[str]:
    client = get_sync_redis()
    keys = list(client.scan_iter(match=f"opened:{study_uid}:*", count=500))
    return [k.rsplit(":", 1)[-1] for k in keys]
