"""HTTP middleware: request timeouts, access logging and per-device rate limits."""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp

logger = logging.getLogger("svc.access")


class TimeoutMiddleware(BaseHTTPMiddleware):
    def __init__(self, app: ASGIApp, timeout_s: float) -> None:
        super().__init__(app)
        self._timeout_s = timeout_s

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._timeout_s):
                response = await call_next(request)
        except TimeoutError:
            logger.warning("request timed out: %s %s", request.method, request.url.path)
            return JSONResponse({"error": "timeout"}, status_code=504)
        elapsed_ms = (time.perf_counter() - started) * 1000
        logger.info("%s %s %d %.1fms", request.method, request.url.path, response.status_code, elapsed_ms)
        return response


class DeviceRateLimitMiddleware(BaseHTTPMiddleware):
    """Sliding-window limit on telemetry posts per device serial."""

    def __init__(self, app: ASGIApp, limit_per_min: int) -> None:
        super().__init__(app)
        self._limit = limit_per_min
        self._windows: dict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        serial = request.headers.get("x-device-serial")
        if serial is None or not request.url.path.startswith("/telemetry"):
            return await call_next(request)
        now = time.monotonic()
        window = self._windows[serial]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self._limit:
            return JSONResponse({"error": "rate_limited"}, status_code=429, headers={"Retry-After": "60"})
        window.append(now)
        return await call_next(request)
