"""A fixed-window rate limit shared by every replica."""
import time

import redis.asyncio as redis
from fastapi import HTTPException, Request

from shop.settings import RATE_LIMIT_REDIS_HOST, REQUESTS_PER_MINUTE

limiter = redis.Redis(host=RATE_LIMIT_REDIS_HOST, port=6379, socket_timeout=1)  # expect: single-point-of-failure


async def rate_limited(request: Request) -> None:
    window = int(time.time() // 60)
    key = f"rl:{request.client.host}:{window}"
    count = await limiter.incr(key)
    if count == 1:
        await limiter.expire(key, 60)
    if count > REQUESTS_PER_MINUTE:
        raise HTTPException(429, "slow down")
