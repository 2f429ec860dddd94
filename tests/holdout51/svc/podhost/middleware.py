"""HTTP middleware: request ids, timing, API rate limits."""
from __future__ import annotations

import logging
import time
import uuid

from fastapi import Request
from fastapi.responses import JSONResponse
from prometheus_client import Histogram
from redis.exceptions import RedisError
from starlette.middleware.base import BaseHTTPMiddleware

from podhost.utils.logging import request_id_var
from podhost.utils.ratelimit import RedisRateLimiter

log = logging.getLogger(__name__)

LATENCY = Histogram("podhost_http_request_seconds", "Request latency", ["method", "route", "status"])


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        route = request.scope.get("route")
        LATENCY.labels(request.method, getattr(route, "path", "unmatched"), response.status_code).observe(
            time.perf_counter() - started
        )
        response.headers["X-Request-ID"] = request_id
        return response


class ApiRateLimitMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, limiter_factory) -> None:
        super().__init__(app)
        self._limiter_factory = limiter_factory
        self._limiter: RedisRateLimiter | None = None

    async def dispatch(self, request: Request, call_next):
        if not request.url.path.startswith("/v1/"):
            return await call_next(request)
        if self._limiter is None:
            self._limiter = self._limiter_factory(request.app)
        identity = request.headers.get("authorization", "")[-16:] or (request.client.host if request.client else "anon")
        try:
            allowed = await self._limiter.allow(identity)
        except RedisError:
            log.warning("rate limiter unavailable; allowing request")
            allowed = True
        if not allowed:
            return JSONResponse({"detail": "rate limit exceeded"}, status_code=429)
        return await call_next(request)
