from __future__ import annotations

from functools import lru_cache
from typing import Optional

import redis
import redis.asyncio as aioredis

from pulsewatch.config import Settings, get_settings

_client: Optional[aioredis.Redis] = None


def init_redis(settings: Settings) -> aioredis.Redis:
    global _client
    if _client is None:
        _client = aioredis.from_url(
            settings.redis_url,
            decode_responses=True,
            socket_timeout=5.0,
            socket_connect_timeout=3.0,
            health_check_interval=30,
            max_connections=100,
        )
    return _client


def get_redis() -> aioredis.Redis:
    if _client is None:
        raise RuntimeError("redis is not initialised")
    return _client


async def close_redis() -> None:
    global _client
    if _client is not None:
        await _client.aclose()
        _client = None


def live_channel(org_id: str) -> str:
    return f"pw:live:org:{org_id}"


def page_channel(page_id: str) -> str:
    return f"pw:live:page:{page_id}"

@lru_cache(maxsize=1)
def sync_client() -> redis.Redis:
    settings = get_settings()
    return redis.Redis.from_url(settings.redis_url, decode_responses=True, socket_timeout=2.0)


def hit_counter(key: str, window_s: int) -> int:
    client = sync_client()
    pipe = client.pipeline()
    pipe.incr(key)
    pipe.expire(key, window_s, nx=True)
    count, _ = pipe.execute()
    return int(count)


def read_flag(name: str) -> bool:
    return sync_client().get(f"pw:flag:{name}") == "1"
