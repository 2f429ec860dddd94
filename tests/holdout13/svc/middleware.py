"""HTTP middleware: request deadlines, request ids, rate limiting."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import defaultdict, deque

import redis.asyncio as redis
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp

from svc.config import settings

logger = logging.getLogger("svc.http")


class DeadlineMiddleware(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, seconds: float = 25.0) -> None:
        super().__init__(app)
        self._seconds = seconds

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        started = time.perf_counter()
        try:
            response = await asyncio.wait_for(call_next(request), timeout=self._seconds)
        except asyncio.TimeoutError:
            logger.error("request %s %s timed out", request.method, request.url.path, extra={"request_id": request_id})
            return JSONResponse({"error": "timeout"}, status_code=504)
        response.headers["X-Request-Id"] = request_id
        logger.info("%s %s %s %.1fms", request.method, request.url.path, response.status_code,
                    (time.perf_counter() - started) * 1000)
        return response


class LoginThrottleMiddleware(BaseHTTPMiddleware):
    """Slows down credential stuffing against the staff login endpoint."""

    def __init__(self, app: ASGIApp, per_minute: int = 10) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._attempts: dict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path != "/staff/login":
            return await call_next(request)
        ip = request.client.host if request.client else "unknown"
        window = self._attempts[ip]
        now = time.monotonic()
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            return JSONResponse({"error": "too many attempts"}, status_code=429)
        window.append(now)
        return await call_next(request)


class SearchRateLimitMiddleware(BaseHTTPMiddleware):
    """Per-client search quota shared by all replicas through redis."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if not request.url.path.startswith("/search"):
            return await call_next(request)
        cache: redis.Redis = request.app.state.cache
        client = request.headers.get("X-Api-Client") or (request.client.host if request.client else "anon")
        key = f"rl:search:{client}:{int(time.time() // 60)}"
        async with cache.pipeline(transaction=True) as pipe:
            count, _ = await pipe.incr(key).expire(key, 90).execute()
        if count > settings.search_rate_limit_per_minute:
            return JSONResponse({"error": "rate limited"}, status_code=429)
        return await call_next(request)
