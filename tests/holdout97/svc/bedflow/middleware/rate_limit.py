from __future__ import annotations

import time
from collections import defaultdict, deque

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class WebhookRateLimitMiddleware(BaseHTTPMiddleware):
    """Caps how fast a single interface-engine source may post ADT messages."""

    def __init__(self, app, path_prefix: str = "/adt", limit: int = 600, window: float = 60.0) -> None:
        super().__init__(app)
        self._prefix = path_prefix
        self._limit = limit
        self._window = window
        self._windows: dict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if not request.url.path.startswith(self._prefix):
            return await call_next(request)
        source = request.headers.get("x-interface-engine", request.client.host if request.client else "unknown")
        now = time.monotonic()
        hits = self._windows[source]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return JSONResponse({"detail": "rate limited"}, status_code=429, headers={"Retry-After": "5"})
        hits.append(now)
        return await call_next(request)
