"""Request dependencies: a rate limiter and the shared clients."""
import time

from fastapi import Depends, Header, HTTPException, Request
from redis.asyncio import Redis

from shop.settings import LIMITS_URL


async def api_key(x_api_key: str = Header(...)) -> str:
    return x_api_key


async def rate_limit(key: str = Depends(api_key)) -> None:
    limits = Redis.from_url(LIMITS_URL, socket_timeout=1.0)  # expect: connection-management
    bucket = f"rl:{key}:{int(time.time() // 60)}"
    if await limits.incr(bucket) > 100:
        raise HTTPException(429, "slow down")


async def shared_rate_limit(request: Request, key: str = Depends(api_key)) -> None:
    limits: Redis = request.app.state.limits
    if await limits.incr(f"rl:{key}:{int(time.time() // 60)}") > 100:
        raise HTTPException(429, "slow down")
