from __future__ import annotations

import time
from collections import defaultdict, deque

import redis.asyncio as redis
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class KioskRateLimitMiddleware(BaseHTTPMiddleware):
    """Kiosks retry aggressively when the network flaps; cap them per minute."""

    def __init__(self, app, per_minute: int = 120) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next) -> Response:
        if not request.url.path.startswith("/kiosk/"):
            return await call_next(request)
        kiosk_id = request.headers.get("x-kiosk-id", "unknown")
        now = time.monotonic()
        window = self._hits[kiosk_id]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            return JSONResponse({"error": "rate_limited"}, status_code=429)
        window.append(now)
        return await call_next(request)


class PatronRateLimiter:
    """Shared fixed-window limit on patron-facing writes, counted in redis."""

    def __init__(self, client: redis.Redis, per_minute: int = 30) -> None:
        self._redis = client
        self._per_minute = per_minute

    async def allow(self, patron_key: str) -> bool:
        bucket = f"rl:{patron_key}:{int(time.time() // 60)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            count, _ = await pipe.incr(bucket).expire(bucket, 90).execute()
        return count <= self._per_minute
