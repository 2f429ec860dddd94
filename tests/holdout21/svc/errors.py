"""Domain errors and their HTTP mapping."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class FitError(Exception):
    status_code: int = 400
    code: str = "fit_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class NotFound(FitError):
    status_code = 404
    code = "not_found"


class Conflict(FitError):
    status_code = 409
    code = "conflict"


class ClassFull(Conflict):
    code = "class_full"


class PaymentDeclined(FitError):
    status_code = 402
    code = "payment_declined"


class UpstreamUnavailable(FitError):
    status_code = 503
    code = "upstream_unavailable"


class RateLimited(FitError):
    status_code = 429
    code = "rate_limited"


class Unauthorized(FitError):
    status_code = 401
    code = "unauthorized"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(FitError)
    async def _fit_error(request: Request, exc: FitError) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code,
            content={"error": exc.code, "detail": str(exc)},
        )
