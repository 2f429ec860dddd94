"""ASGI middleware: request ids/access logging and a per-IP abuse limit."""
from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict, deque

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from svc.observability import HTTP_LATENCY, HTTP_REQUESTS, request_id_var

log = logging.getLogger("svc.access")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = await call_next(request)
            status = response.status_code
            response.headers["x-request-id"] = request_id
            return response
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(request.scope.get("route"), "path", "unmatched")
            HTTP_REQUESTS.labels(request.method, route, str(status)).inc()
            HTTP_LATENCY.labels(request.method, route).observe(elapsed)
            log.info("%s %s -> %d in %.1fms", request.method, request.url.path, status, elapsed * 1000)
            request_id_var.reset(token)


class AbuseLimitMiddleware:
    """Caps requests per client IP per minute to blunt scrapers."""

    def __init__(self, app: ASGIApp, *, per_minute: int) -> None:
        self.app = app
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        ip = client[0] if client else "unknown"
        now = time.monotonic()
        window = self._hits[ip]
        while window and now - window[0] > 60.0:
            window.popleft()
        if len(window) >= self._per_minute:
            response = JSONResponse({"detail": "Too many requests"}, status_code=429, headers={"Retry-After": "60"})
            await response(scope, receive, send)
            return
        window.append(now)
        await self.app(scope, receive, send)
