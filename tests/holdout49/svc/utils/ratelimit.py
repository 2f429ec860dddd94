from __future__ import annotations

import time
from collections import defaultdict, deque

from fastapi import HTTPException, Request, status
from redis.asyncio import Redis

_windows: dict[int, deque[float]] = defaultdict(deque)


def check_bid_rate(user_id: int, limit: int = 10, per_seconds: float = 10.0) -> None:
    now = time.monotonic()
    window = _windows[user_id]
    while window and now - window[0] > per_seconds:
        window.popleft()
    if len(window) >= limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
    window.append(now)


async def check_search_rate(redis: Redis, request: Request, limit: int = 60) -> None:
    key = f"rl:search:{request.client.host if request.client else 'anon'}:{int(time.time() // 60)}"
    pipe = redis.pipeline(transaction=True)
    pipe.incr(key)
    pipe.expire(key, 61)
    count, _ = await pipe.execute()
    if count > limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many searches")
