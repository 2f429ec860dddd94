from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)


class LifelineError(Exception):
    status_code = 400
    code = "lifeline_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(LifelineError):
    status_code = 404
    code = "not_found"


class Conflict(LifelineError):
    status_code = 409
    code = "conflict"


class IneligibleDonor(LifelineError):
    status_code = 422
    code = "ineligible"


class UpstreamError(LifelineError):
    status_code = 502
    code = "upstream_error"


class LabUnavailable(UpstreamError):
    code = "lab_unavailable"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LifelineError)
    async def _lifeline_error(request: Request, exc: LifelineError) -> JSONResponse:
        if exc.status_code >= 500:
            log.error("upstream failure on %s: %s", request.url.path, exc.message)
        return JSONResponse({"error": exc.code, "detail": exc.message}, status_code=exc.status_code)
