from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict, deque

import redis.asyncio as redis
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from fleetwise.clients.errors import CircuitOpenError, UpstreamError

log = logging.getLogger(__name__)


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode() or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()

        async def send_with_id(message: dict) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log.info("%s %s %.1fms", scope["method"], scope["path"], (time.perf_counter() - started) * 1000,
                     extra={"request_id": request_id})


class UploadRateLimiter:
    """Caps how often one ship gateway may upload; satellite gateways retry aggressively."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, gateway: str) -> bool:
        now = time.monotonic()
        hits = self._hits[gateway]
        while hits and now - hits[0] > 60:
            hits.popleft()
        if len(hits) >= self._per_minute:
            return False
        hits.append(now)
        return True


class RedisRateLimiter:
    def __init__(self, client: redis.Redis, per_minute: int) -> None:
        self._redis = client
        self._per_minute = per_minute

    async def allow(self, subject: str) -> bool:
        key = f"fw:rl:{subject}:{int(time.time() // 60)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 90)
            count, _ = await pipe.execute()
        return count <= self._per_minute


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CircuitOpenError)
    async def circuit_open(request: Request, exc: CircuitOpenError) -> JSONResponse:
        log.warning("circuit open for %s on %s", exc.service, request.url.path)
        return JSONResponse({"detail": f"{exc.service} temporarily unavailable"}, status_code=503,
                            headers={"Retry-After": "60"})

    @app.exception_handler(UpstreamError)
    async def upstream_failed(request: Request, exc: UpstreamError) -> JSONResponse:
        log.warning("upstream %s failed on %s: %s", exc.service, request.url.path, exc.detail)
        return JSONResponse({"detail": f"{exc.service} unavailable"}, status_code=502)

    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": "internal error"}, status_code=500)
