"""HTTP middleware: request ids, access log, per-sender throttling."""
from __future__ import annotations

import contextvars
import logging
import time
import uuid
from collections import defaultdict, deque

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = rid
        return response


log = logging.getLogger("remit.access")


class TimingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        log.info("%s %s %d %.1fms rid=%s", request.method, request.url.path, response.status_code,
                 elapsed_ms, request_id_var.get())
        return response


GUARDED_PREFIXES = ("/v1/transfers", "/v1/quotes")


class SenderRateLimitMiddleware(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.method != "POST" or not request.url.path.startswith(GUARDED_PREFIXES):
            return await call_next(request)
        sender = request.headers.get("x-sender-id", request.client.host if request.client else "anon")
        now = time.monotonic()
        window = self._hits[sender]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._per_minute:
            return JSONResponse({"error": {"code": "rate_limited", "message": "slow down"}}, status_code=429)
        window.append(now)
        return await call_next(request)
