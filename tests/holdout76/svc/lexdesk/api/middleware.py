from __future__ import annotations

import logging
import time
import uuid
from collections import defaultdict, deque
from contextvars import ContextVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from lexdesk.errors import DomainError
from lexdesk.security import InvalidToken, decode_token
from lexdesk.settings import Settings

log = logging.getLogger("lexdesk.http")

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            request_id_var.reset(token)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["x-request-id"] = request_id
        log.info(
            "%s %s -> %s",
            request.method,
            request.url.path,
            response.status_code,
            extra={"request_id": request_id, "elapsed_ms": round(elapsed_ms, 1)},
        )
        return response


class FilingSubmitThrottle:
    """Keeps each firm under the filing provider's per-minute submission cap."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self._settings = settings
        self._limit = settings.efiling_submits_per_minute
        self._windows: dict[int, deque[float]] = defaultdict(deque)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != "/filings":
            await self.app(scope, receive, send)
            return
        firm_id = self._firm_of(scope)
        if firm_id is not None:
            now = time.monotonic()
            window = self._windows[firm_id]
            while window and now - window[0] > 60:
                window.popleft()
            if len(window) >= self._limit:
                response = JSONResponse({"error": "rate_limited", "detail": "too many filings"}, status_code=429)
                await response(scope, receive, send)
                return
            window.append(now)
        await self.app(scope, receive, send)

    def _firm_of(self, scope: Scope) -> int | None:
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                token = value.decode().partition(" ")[2]
                try:
                    return decode_token(token, self._settings).firm_id
                except InvalidToken:
                    return None
        return None


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def handle_domain_error(request: Request, exc: DomainError) -> JSONResponse:
        if exc.status_code >= 500:
            log.error("domain error %s on %s: %s", exc.code, request.url.path, exc, exc_info=exc)
        return JSONResponse(
            {"error": exc.code, "detail": str(exc), **exc.details},
            status_code=exc.status_code,
        )
