"""A get-or-load helper over redis."""
from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from redis.asyncio import Redis

_redis = Redis()


async def through_cache(key: str, ttl: int, load: Callable[[], Awaitable[Any]]) -> Any:
    raw = await _redis.get(key)
    if raw is not None:
        return json.loads(raw)
    value = await load()
    await _redis.set(key, json.dumps(value), ex=ttl)
    return value
