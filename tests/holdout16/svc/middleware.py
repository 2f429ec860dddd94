"""HTTP middleware: per-key rate limiting, request deadline and error envelope."""
from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict, deque

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from starlette.middleware.base import RequestResponseEndpoint

from svc.config import settings


class InProcessRateLimiter:
    """Sliding one-minute window per API key.

    Thread-safe so that sync endpoints running in the threadpool can consult it too.
    """

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._lock = threading.Lock()
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            window = self._hits[key]
            while window and now - window[0] > 60.0:
                window.popleft()
            if len(window) >= self._per_minute:
                return False
            window.append(now)
            return True


async def rate_limit_middleware(request: Request, call_next: RequestResponseEndpoint) -> Response:
    if request.url.path.startswith("/v1/"):
        key = request.headers.get("x-api-key", "").partition(".")[0]
        if not key:
            key = request.client.host if request.client else "anonymous"
        if not request.app.state.rate_limiter.allow(key):
            return JSONResponse(status_code=429, content={"error": "rate_limited"})
    return await call_next(request)


async def deadline_middleware(request: Request, call_next: RequestResponseEndpoint) -> Response:
    try:
        async with asyncio.timeout(settings.request_timeout):
            return await call_next(request)
    except TimeoutError:
        return JSONResponse(status_code=504, content={"error": "deadline_exceeded"})


async def error_envelope_middleware(request: Request, call_next: RequestResponseEndpoint) -> Response:
    try:
        return await call_next(request)
    except Exception:
        return JSONResponse(status_code=500, content={"error": "internal_error"})
