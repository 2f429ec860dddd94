from __future__ import annotations

import logging
import time
import uuid

from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from glide.errors import GlideError, TooManyRequests

log = logging.getLogger(__name__)
access_log = logging.getLogger("glide.access")


async def glide_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, GlideError)
    return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status_code)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"error": "http_error", "message": exc.detail}, status_code=exc.status_code)


async def unhandled(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"error": "internal", "message": "internal error"}, status_code=500)


EXCEPTION_HANDLERS = {
    GlideError: glide_error,
    HTTPException: http_error,
    Exception: unhandled,
}


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        start = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - start) * 1000
        response.headers["x-request-id"] = request_id
        access_log.info("%s %s %s %.1fms rid=%s", request.method, request.url.path, response.status_code, elapsed_ms, request_id)
        return response


class ApiRateLimitMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path.startswith(("/health", "/webhooks")):
            return await call_next(request)
        container = request.app.state.container
        subject = request.headers.get("authorization") or (request.client.host if request.client else "anon")
        try:
            await container.api_limiter.hit(subject[-32:])
        except TooManyRequests as exc:
            return JSONResponse({"error": exc.code, "message": exc.message}, status_code=429)
        return await call_next(request)
