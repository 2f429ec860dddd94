"""Request rate limits for booking and video-join endpoints."""
from __future__ import annotations

import time
from collections import defaultdict, deque

from redis.asyncio import Redis

from svc.errors import RateLimited

_hold_attempts: dict[str, deque[float]] = defaultdict(deque)


def enforce_hold_limit(email: str, limit: int = 5, window: float = 600.0) -> None:
    now = time.monotonic()
    attempts = _hold_attempts[email.lower()]
    while attempts and attempts[0] < now - window:
        attempts.popleft()
    if len(attempts) >= limit:
        raise RateLimited("too many hold attempts, try again later")
    attempts.append(now)


async def allow_request(redis: Redis, key: str, limit: int, window_seconds: int) -> bool:
    bucket = f"rl:{key}:{int(time.time() // window_seconds)}"
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(bucket)
        pipe.expire(bucket, window_seconds)
        count, _ = await pipe.execute()
    return int(count) <= limit
