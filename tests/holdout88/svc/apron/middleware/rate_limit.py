"""Rate limits for the handheld scanner endpoints and the supervisor API."""
from __future__ import annotations

import time
from collections import deque

from redis.asyncio import Redis
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

SCANNER_PREFIX = "/bags/scans"


class ScannerRateLimitMiddleware(BaseHTTPMiddleware):
    """Caps scans per handheld device; a stuck trigger can otherwise flood the belt feed."""

    def __init__(self, app, per_second: int = 20) -> None:
        super().__init__(app)
        self.per_second = per_second
        self._windows: dict[str, deque[float]] = {}

    async def dispatch(self, request: Request, call_next) -> Response:
        if not request.url.path.startswith(SCANNER_PREFIX):
            return await call_next(request)
        device = request.headers.get("x-device-id", "unknown")
        now = time.monotonic()
        window = self._windows.setdefault(device, deque())
        while window and now - window[0] > 1.0:
            window.popleft()
        if len(window) >= self.per_second:
            return JSONResponse({"error": "rate_limited"}, status_code=429)
        window.append(now)
        return await call_next(request)


class RedisRateLimiter:
    """Fixed-window limiter shared by all replicas."""

    def __init__(self, redis: Redis, limit: int, window_s: int) -> None:
        self._redis = redis
        self._limit = limit
        self._window_s = window_s

    async def allow(self, subject: str) -> bool:
        bucket = int(time.time()) // self._window_s
        key = f"rl:{subject}:{bucket}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window_s * 2)
            count, _ = await pipe.execute()
        return int(count) <= self._limit
