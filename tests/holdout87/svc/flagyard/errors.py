from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse


class FlagyardError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str = "", **details: object) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.details = details


class NotFound(FlagyardError):
    status_code = 404
    code = "not_found"


class FlagNotFound(NotFound):
    code = "flag_not_found"


class ExperimentNotFound(NotFound):
    code = "experiment_not_found"


class Conflict(FlagyardError):
    status_code = 409
    code = "conflict"


class FlagConflict(Conflict):
    code = "flag_conflict"


class AuthError(FlagyardError):
    status_code = 401
    code = "unauthorized"


class Forbidden(FlagyardError):
    status_code = 403
    code = "forbidden"


class RateLimited(FlagyardError):
    status_code = 429
    code = "rate_limited"


class UpstreamError(FlagyardError):
    status_code = 502
    code = "upstream_error"


async def flagyard_error_handler(request: Request, exc: FlagyardError) -> JSONResponse:
    return JSONResponse(
        status_code=exc.status_code,
        content={"error": {"code": exc.code, "message": exc.message, "details": exc.details}},
    )
