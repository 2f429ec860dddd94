from __future__ import annotations

import time
from collections import defaultdict

import redis.asyncio as aioredis
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from portops.cache.redis_client import key

KIOSK_LIMIT_PER_MINUTE = 30
API_LIMIT_PER_MINUTE = 600


class KioskRateLimitMiddleware(BaseHTTPMiddleware):
    """Throttles the self-service haulier kiosks at the gate."""

    def __init__(self, app, limit: int = KIOSK_LIMIT_PER_MINUTE) -> None:
        super().__init__(app)
        self.limit = limit
        self.hits: dict[str, list[float]] = defaultdict(list)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if not request.url.path.startswith("/gate/kiosk"):
            return await call_next(request)
        kiosk = request.headers.get("X-Kiosk-Id", "anonymous")
        now = time.monotonic()
        recent = [t for t in self.hits[kiosk] if now - t < 60]
        if len(recent) >= self.limit:
            return JSONResponse({"detail": "too many requests"}, status_code=429)
        recent.append(now)
        self.hits[kiosk] = recent
        return await call_next(request)


async def api_quota_exceeded(redis: aioredis.Redis, client_id: str) -> bool:
    bucket = key("quota", client_id, int(time.time() // 60))
    async with redis.pipeline(transaction=True) as pipe:
        pipe.incr(bucket)
        pipe.expire(bucket, 120)
        count, _ = await pipe.execute()
    return count > API_LIMIT_PER_MINUTE
