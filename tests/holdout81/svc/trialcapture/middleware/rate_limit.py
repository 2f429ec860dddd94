from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as redis
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

_WINDOW_SECONDS = 60.0


class RateLimitMiddleware(BaseHTTPMiddleware):
    """Per-client request budget for the public API."""

    def __init__(self, app, per_minute: int) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        client = request.headers.get("x-api-client") or (request.client.host if request.client else "anon")
        now = time.monotonic()
        window = self._hits[client]
        while window and now - window[0] > _WINDOW_SECONDS:
            window.popleft()
        if len(window) >= self._per_minute:
            return JSONResponse({"error": "rate_limited"}, status_code=429, headers={"Retry-After": "60"})
        window.append(now)
        return await call_next(request)


class ExportQuota:
    """Export builds per user per hour, shared by all replicas."""

    def __init__(self, client: redis.Redis, per_hour: int = 6) -> None:
        self._r = client
        self._per_hour = per_hour

    async def consume(self, user_id: str) -> bool:
        key = f"edc:export-quota:{user_id}:{int(time.time() // 3600)}"
        async with self._r.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 3600)
            used, _ = await pipe.execute()
        return int(used) <= self._per_hour
