from __future__ import annotations

import redis.asyncio as aioredis
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

LIMITED_PREFIXES = ("/selfcare/otp", "/bundles/purchase")


class RateLimitMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, redis: aioredis.Redis, per_minute: int = 20) -> None:
        super().__init__(app)
        self._redis = redis
        self._per_minute = per_minute

    async def dispatch(self, request: Request, call_next) -> Response:
        if not request.url.path.startswith(LIMITED_PREFIXES):
            return await call_next(request)
        client = request.client.host if request.client else "unknown"
        key = f"ratelimit:{request.url.path}:{client}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 60, nx=True)
            count, _ = await pipe.execute()
        if count > self._per_minute:
            return JSONResponse(status_code=429, content={"error": "rate_limited"})
        return await call_next(request)
