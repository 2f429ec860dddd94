from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

logger = logging.getLogger("arenaops.access")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["x-request-id"] = request_id
        logger.info("%s %s %s %.1fms rid=%s", request.method, request.url.path, response.status_code,
                    (time.perf_counter() - started) * 1000, request_id)
        return response


class RateLimitMiddleware(BaseHTTPMiddleware):
    """Per-client request budget for the public API."""

    def __init__(self, app, per_minute: int) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._windows: defaultdict[tuple[str, int], int] = defaultdict(int)

    async def dispatch(self, request: Request, call_next) -> Response:
        client = request.client.host if request.client else "unknown"
        window = int(time.time() // 60)
        self._windows[(client, window)] += 1
        if self._windows[(client, window)] > self._per_minute:
            return JSONResponse({"error": "rate_limited"}, status_code=429)
        if len(self._windows) > 10_000:
            for key in [k for k in self._windows if k[1] < window]:
                del self._windows[key]
        return await call_next(request)
