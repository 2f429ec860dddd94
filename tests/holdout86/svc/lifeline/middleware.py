from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict, deque

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("lifeline.access")


class RequestContextMiddleware:
    """Pure ASGI: tags every request with an id and logs its duration (does not buffer bodies)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = dict(scope["headers"]).get(b"x-request-id", b"").decode() or uuid.uuid4().hex
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            log.info("%s %s %s %.1fms rid=%s", scope["method"], scope["path"], status, elapsed, request_id)


class RateLimitMiddleware:
    """Per-client request budget for the public booking endpoints."""

    def __init__(self, app: ASGIApp, per_minute: int = 120) -> None:
        self.app = app
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/public"):
            await self.app(scope, receive, send)
            return
        client = Request(scope).client
        key = client.host if client else "unknown"
        now = time.monotonic()
        window = self._hits[key]
        while window and now - window[0] > 60:
            window.popleft()
        if len(window) >= self.per_minute:
            await JSONResponse({"error": "rate_limited"}, status_code=429)(scope, receive, send)
            return
        window.append(now)
        await self.app(scope, receive, send)
