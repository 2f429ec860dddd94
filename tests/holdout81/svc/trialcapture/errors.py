from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class EDCError(Exception):
    status_code = 400
    code = "edc_error"


class NotFound(EDCError):
    status_code = 404
    code = "not_found"


class Conflict(EDCError):
    status_code = 409
    code = "conflict"


class EnrolmentClosed(Conflict):
    code = "enrolment_closed"


class FormLocked(Conflict):
    code = "form_locked"


class UpstreamError(EDCError):
    status_code = 502
    code = "upstream_error"


class QuotaExceeded(EDCError):
    status_code = 429
    code = "quota_exceeded"


class ConfigError(Exception):
    """Raised at start-up when configuration cannot be used."""


async def _handle_edc_error(request: Request, exc: EDCError) -> JSONResponse:
    if exc.status_code >= 500:
        log.error("request %s failed: %s", request.url.path, exc)
    return JSONResponse({"error": exc.code, "detail": str(exc)}, status_code=exc.status_code)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(EDCError, _handle_edc_error)
