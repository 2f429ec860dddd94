"""Fixed-window rate limiting for API tokens."""
from __future__ import annotations

import time

from zonekeep.core.redis import get_redis, get_sync_redis


def window_key(scope: str, ident: str, window: int) -> str:
    return f"rl:{scope}:{ident}:{int(time.time()) // window}"


def hit_sync(scope: str, ident: str, limit: int, window: int = 60) -> bool:
    r = get_sync_redis()
    key = window_key(scope, ident, window)
    count = r.incr(key)
    if count == 1:
        r.expire(key, window)
    return count <= limit


async def hit(scope: str, ident: str, limit: int, window: int = 60) -> bool:
    r = get_redis()
    key = window_key(scope, ident, window)
    async with r.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, window)
        count, _ = await pipe.execute()
    return count <= limit
