from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

logger = logging.getLogger("gigmarket.access")

RATE_LIMIT_PER_MINUTE = 120


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = request_id
        started = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        logger.info(
            "%s %s -> %s in %.1fms", request.method, request.url.path, response.status_code, elapsed_ms,
            extra={"request_id": request_id},
        )
        return response


class RateLimitMiddleware(BaseHTTPMiddleware):
    """Fixed-window limit per client address."""

    def __init__(self, app, limit: int = RATE_LIMIT_PER_MINUTE) -> None:
        super().__init__(app)
        self.limit = limit
        self.windows: dict[tuple[str, int], int] = defaultdict(int)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        client = request.client.host if request.client else "unknown"
        window = int(time.time() // 60)
        self.windows[(client, window)] += 1
        if self.windows[(client, window)] > self.limit:
            return JSONResponse({"detail": "rate limit exceeded"}, status_code=429)
        return await call_next(request)
