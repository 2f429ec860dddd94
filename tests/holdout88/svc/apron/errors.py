"""Domain errors and their HTTP mapping."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class ApronError(Exception):
    status_code = 400
    code = "apron_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class NotFound(ApronError):
    status_code = 404
    code = "not_found"


class Conflict(ApronError):
    status_code = 409
    code = "conflict"


class Forbidden(ApronError):
    status_code = 403
    code = "forbidden"


class ExternalServiceError(ApronError):
    status_code = 502
    code = "upstream_failed"


class UnknownAirline(ApronError):
    status_code = 422
    code = "unknown_airline"


class BillingRejected(ExternalServiceError):
    code = "billing_rejected"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApronError)
    async def _apron_error(request: Request, exc: ApronError) -> JSONResponse:
        if exc.status_code >= 500:
            log.warning("upstream failure on %s: %s", request.url.path, exc.message)
        return JSONResponse({"error": exc.code, "detail": exc.message}, status_code=exc.status_code)
