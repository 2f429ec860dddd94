"""Request limits applied by middleware."""
import time
from collections import defaultdict, deque

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class ClientRateLimit(BaseHTTPMiddleware):
    """Sliding one-minute window per client address, declared on the class."""

    window_seconds = 60.0
    hits: dict[str, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker

    def __init__(self, app, limit_per_minute: int) -> None:
        super().__init__(app)
        self._limit = limit_per_minute

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        client = request.client.host if request.client else "unknown"
        now = time.monotonic()
        window = self.hits[client]
        while window and now - window[0] > self.window_seconds:
            window.popleft()
        if len(window) >= self._limit:
            return JSONResponse({"error": "rate_limited"}, status_code=429)
        window.append(now)
        return await call_next(request)


class RequestTiming(BaseHTTPMiddleware):
    """Adds a timing header; its class-level settings are read, never written."""

    header = "x-response-time-ms"
    slow_paths: dict[str, float] = {"/reports": 2.0}

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        elapsed = time.perf_counter() - started
        if elapsed > self.slow_paths.get(request.url.path, 1.0):
            response.headers["x-slow"] = "1"
        response.headers[self.header] = f"{elapsed * 1000:.1f}"
        return response
