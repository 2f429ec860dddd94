from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


class DispensaryError(Exception):
    status_code = 400
    code = "dispensary_error"


class NotFound(DispensaryError):
    status_code = 404
    code = "not_found"


class Conflict(DispensaryError):
    status_code = 409
    code = "conflict"


class InteractionBlocked(DispensaryError):
    status_code = 422
    code = "interaction_blocked"


class UpstreamUnavailable(DispensaryError):
    status_code = 503
    code = "upstream_unavailable"


class PayerRejected(DispensaryError):
    status_code = 422
    code = "payer_rejected"

    def __init__(self, message: str, reject_code: str | None = None) -> None:
        super().__init__(message)
        self.reject_code = reject_code


class PayerUnavailable(UpstreamUnavailable):
    code = "payer_unavailable"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DispensaryError)
    async def _dispensary_error(request: Request, exc: DispensaryError) -> JSONResponse:
        return JSONResponse({"error": exc.code, "detail": str(exc)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal_error"}, status_code=500)
