from __future__ import annotations

import logging
import time
import uuid

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

logger = logging.getLogger(__name__)

RESIDENT_PREFIXES = ("/v1/residents/",)
RESIDENT_LIMIT_PER_HOUR = 20


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["x-request-id"] = request_id
        logger.info("%s %s %d %.1fms rid=%s", request.method, request.url.path, response.status_code,
                    (time.perf_counter() - started) * 1000, request_id)
        return response


class ResidentRateLimitMiddleware(BaseHTTPMiddleware):
    """Limits report/booking submissions per client address."""

    def __init__(self, app) -> None:
        super().__init__(app)
        self._hits: dict[str, list[float]] = {}

    async def dispatch(self, request: Request, call_next) -> Response:
        if request.method == "POST" and request.url.path.startswith(RESIDENT_PREFIXES):
            client = request.headers.get("x-forwarded-for", request.client.host if request.client else "?")
            now = time.monotonic()
            window = [t for t in self._hits.get(client, []) if now - t < 3600]
            if len(window) >= RESIDENT_LIMIT_PER_HOUR:
                return JSONResponse({"detail": "too many submissions"}, status_code=429)
            window.append(now)
            self._hits[client] = window
        return await call_next(request)
