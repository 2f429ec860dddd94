from __future__ import annotations

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


log = structlog.get_logger(__name__)


class HomeGridError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str = "", **context: object) -> None:
        super().__init__(message)
        self.message = message or self.code
        self.context = context


class NotFound(HomeGridError):
    status_code = 404
    code = "not_found"


class Conflict(HomeGridError):
    status_code = 409
    code = "conflict"


class DuplicateDevice(Conflict):
    code = "duplicate_device"


class Unauthorized(HomeGridError):
    status_code = 401
    code = "unauthorized"


class Forbidden(HomeGridError):
    status_code = 403
    code = "forbidden"


class RateLimited(HomeGridError):
    status_code = 429
    code = "rate_limited"


class UpstreamUnavailable(HomeGridError):
    status_code = 503
    code = "upstream_unavailable"


class ValidationFailed(HomeGridError):
    status_code = 422
    code = "validation_failed"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HomeGridError)
    async def _handle(request: Request, exc: HomeGridError) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code,
            content={"error": exc.code, "message": exc.message},
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            status_code=422,
            content={"error": "validation_failed", "detail": exc.errors()},
        )

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled_error", path=request.url.path, exc_info=exc)
        return JSONResponse(status_code=500, content={"error": "internal_error"})
