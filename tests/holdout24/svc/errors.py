"""Domain exceptions and their HTTP mapping."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class EdcError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFound(EdcError):
    status_code = 404
    code = "not_found"


class Conflict(EdcError):
    status_code = 409
    code = "conflict"


class ValidationFailed(EdcError):
    status_code = 422
    code = "validation_failed"


class ConsentMissing(EdcError):
    status_code = 409
    code = "consent_missing"


class TooManyAttempts(EdcError):
    status_code = 429
    code = "too_many_attempts"


class UpstreamUnavailable(EdcError):
    status_code = 503
    code = "upstream_unavailable"


async def edc_error_handler(request: Request, exc: EdcError) -> JSONResponse:
    if exc.status_code >= 500:
        log.error("request failed: %s", exc.message, extra={"path": request.url.path})
    return JSONResponse(
        status_code=exc.status_code,
        content={"error": exc.code, "message": exc.message, "detail": exc.detail},
    )


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(EdcError, edc_error_handler)  # type: ignore[arg-type]
