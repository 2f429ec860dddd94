from __future__ import annotations

import time

from fastapi import HTTPException, Request, status

from ..cache.redis_client import get_redis

_WINDOW_SECONDS = 60

_admin_hits: dict[str, list[float]] = {}


async def enforce_public_quota(api_key: str, limit_per_minute: int) -> None:
    """Fixed-window limiter shared by every replica through redis."""
    redis = get_redis()
    window = int(time.time() // _WINDOW_SECONDS)
    key = f"rl:quotes:{api_key}:{window}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, _WINDOW_SECONDS + 5)
        count, _ = await pipe.execute()
    if count > limit_per_minute:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "quote rate limit exceeded")


def admin_throttle(request: Request, max_calls: int = 30) -> None:
    caller = request.headers.get("x-admin-user", request.client.host if request.client else "unknown")
    now = time.monotonic()
    recent = [t for t in _admin_hits.get(caller, []) if now - t < _WINDOW_SECONDS]
    if len(recent) >= max_calls:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
    recent.append(now)
    _admin_hits[caller] = recent
