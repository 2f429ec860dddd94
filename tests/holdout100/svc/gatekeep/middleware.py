from __future__ import annotations

import time
from collections import defaultdict, deque
from uuid import uuid4

from redis.asyncio import Redis
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .logging_setup import request_id_var

WINDOW_S = 60.0


class KioskRateLimitMiddleware(BaseHTTPMiddleware):
    """Caps photo uploads per kiosk so a stuck kiosk cannot flood object storage."""

    def __init__(self, app: ASGIApp, per_minute: int = 30, prefix: str = "/kiosk/") -> None:
        super().__init__(app)
        self._per_minute = per_minute
        self._prefix = prefix
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if not request.url.path.startswith(self._prefix) or request.method != "POST":
            return await call_next(request)
        kiosk = request.headers.get("x-kiosk-id", request.client.host if request.client else "unknown")
        now = time.monotonic()
        hits = self._hits[kiosk]
        while hits and now - hits[0] > WINDOW_S:
            hits.popleft()
        if len(hits) >= self._per_minute:
            return JSONResponse({"detail": "kiosk rate limit exceeded"}, status_code=429)
        hits.append(now)
        return await call_next(request)


class RedisRateLimiter:
    """Fixed-window limiter shared by all replicas."""

    def __init__(self, redis: Redis, name: str, limit: int, window_s: int = 60) -> None:
        self._redis = redis
        self._name = name
        self._limit = limit
        self._window = window_s

    async def allow(self, subject: str) -> bool:
        key = f"rl:{self._name}:{subject}:{int(time.time() // self._window)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window * 2)
            count, _ = await pipe.execute()
        return int(count) <= self._limit


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode() or uuid4().hex
        token = request_id_var.set(incoming)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", incoming.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)
