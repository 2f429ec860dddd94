from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as redis
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from fieldops.cache.keys import rate_key


class ApiRateLimitMiddleware(BaseHTTPMiddleware):
    """Per-client request limit for the public API (sliding one-minute window)."""

    def __init__(self, app, per_minute: int) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        client = request.headers.get("x-api-key") or (request.client.host if request.client else "anon")
        now = time.monotonic()
        window = self._hits[client]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            return JSONResponse({"error": {"code": "rate_limited"}}, status_code=429)
        window.append(now)
        return await call_next(request)


async def login_attempt_allowed(client: redis.Redis, identity: str, limit: int = 10) -> bool:
    """Shared across replicas: fixed one-minute window in redis."""
    window = int(time.time() // 60)
    key = rate_key(f"login:{identity}", window)
    async with client.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 120)
        count, _ = await pipe.execute()
    return count <= limit
