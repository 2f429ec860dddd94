from __future__ import annotations

import contextvars
import logging
import time
import uuid
from collections import defaultdict

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
log = logging.getLogger("cad.access")


class RequestIdMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = rid
        log.info("%s %s %s %.1fms", request.method, request.url.path, response.status_code, elapsed_ms)
        return response



class WebhookRateLimitMiddleware(BaseHTTPMiddleware):
    """Caps webhook deliveries per gateway trunk so a looping gateway cannot flood intake."""

    def __init__(self, app, per_minute: int = 600) -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._windows: dict[str, list[float]] = defaultdict(list)

    async def dispatch(self, request: Request, call_next):
        if not request.url.path.startswith("/telephony/"):
            return await call_next(request)
        trunk = request.headers.get("x-trunk-id", "default")
        now = time.monotonic()
        window = [t for t in self._windows[trunk] if now - t < 60.0]
        if len(window) >= self._per_minute:
            return JSONResponse({"detail": "rate limited"}, status_code=429)
        window.append(now)
        self._windows[trunk] = window
        return await call_next(request)
