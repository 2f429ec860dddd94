"""Domain errors and the handler that turns them into JSON responses."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class DomainError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str = "", **context: object) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.context = context


class AuthError(DomainError):
    status_code = 401
    code = "unauthorized"


class PaymentRequired(DomainError):
    status_code = 402
    code = "payment_required"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class QuotaExceeded(DomainError):
    status_code = 429
    code = "quota_exceeded"


class UpstreamError(DomainError):
    status_code = 502
    code = "upstream_error"


def error_body(exc: DomainError) -> dict[str, str]:
    return {"error": exc.code, "detail": exc.message}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> JSONResponse:
        if exc.status_code >= 500:
            log.warning("%s failed upstream: %s", request.url.path, exc.message, extra={"context": exc.context})
        return JSONResponse(status_code=exc.status_code, content=error_body(exc))
