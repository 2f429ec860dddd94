from __future__ import annotations

import time
import uuid
from collections import defaultdict

import structlog
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from fieldwise.logging_setup import get_logger

log = get_logger(__name__)


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id, path=request.url.path)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            structlog.contextvars.clear_contextvars()
        response.headers["x-request-id"] = request_id
        log.info("http.request", status=response.status_code, ms=round((time.perf_counter() - started) * 1000, 1))
        return response


class UploadRateLimitMiddleware(BaseHTTPMiddleware):
    """Caps sensor batch uploads per gateway to protect the ingestion path."""

    def __init__(self, app, per_minute: int = 120) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._hits: dict[str, list[float]] = defaultdict(list)

    async def dispatch(self, request: Request, call_next) -> Response:
        if not request.url.path.startswith("/v1/ingest"):
            return await call_next(request)
        gateway = request.headers.get("x-gateway-id", "anonymous")
        now = time.monotonic()
        window = [t for t in self._hits[gateway] if now - t < 60.0]
        if len(window) >= self._per_minute:
            return JSONResponse({"error": "rate_limited"}, status_code=429)
        window.append(now)
        self._hits[gateway] = window
        return await call_next(request)
