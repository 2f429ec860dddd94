from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict, deque
from contextvars import ContextVar

import redis.asyncio as aioredis
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

logger = logging.getLogger("givehub.access")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.url.path,
            response.status_code,
            elapsed_ms,
            extra={"request_id": request_id},
        )
        return response


class SlidingWindowLimiter(BaseHTTPMiddleware):
    """Per-IP request ceiling for the public API."""

    def __init__(self, app, limit: int = 120, window: float = 60.0) -> None:
        super().__init__(app)
        self._limit = limit
        self._window = window
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        ip = request.client.host if request.client else "unknown"
        now = time.monotonic()
        hits = self._hits[ip]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return JSONResponse({"detail": "too many requests"}, status_code=429)
        hits.append(now)
        return await call_next(request)


class DonationRateLimiter:
    """Card-testing guard: at most N donation attempts per donor per window, shared by all replicas."""

    def __init__(self, redis: aioredis.Redis, limit: int = 5, window_seconds: int = 600) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_seconds

    async def allow(self, donor_id: int) -> bool:
        key = f"ratelimit:donate:{donor_id}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window, nx=True)
            count, _ = await pipe.execute()
        return count <= self._limit
