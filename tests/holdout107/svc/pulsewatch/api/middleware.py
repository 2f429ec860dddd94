from __future__ import annotations

import time
import uuid
from collections import Counter

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

from pulsewatch.errors import PulsewatchError

log = structlog.get_logger(__name__)

ROUTE_STATS: dict[str, Counter] = {}


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id, path=request.url.path)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            structlog.contextvars.clear_contextvars()
        elapsed_ms = (time.perf_counter() - started) * 1000
        route = request.scope.get("route")
        name = getattr(route, "path", request.url.path)
        stats = ROUTE_STATS.setdefault(name, Counter())
        stats["count"] += 1
        stats[f"{response.status_code // 100}xx"] += 1
        stats["total_ms"] += int(elapsed_ms)
        response.headers["x-request-id"] = request_id
        return response


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PulsewatchError)
    async def _domain_error(request: Request, exc: PulsewatchError) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code,
            content={"error": {"code": exc.code, "message": exc.message, "details": exc.details}},
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"error": {"code": "validation", "details": exc.errors()}})

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled_error", exc_info=exc)
        return JSONResponse(status_code=500, content={"error": {"code": "internal", "message": "internal error"}})
