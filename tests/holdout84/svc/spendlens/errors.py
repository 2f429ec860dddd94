from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


class SpendLensError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail or self.code


class NotFound(SpendLensError):
    status_code = 404
    code = "not_found"


class Conflict(SpendLensError):
    status_code = 409
    code = "conflict"


class QuotaExceeded(SpendLensError):
    status_code = 429
    code = "quota_exceeded"


class UpstreamError(SpendLensError):
    status_code = 502
    code = "upstream_error"


class UnknownProvider(SpendLensError):
    code = "unknown_provider"


class IngestError(SpendLensError):
    code = "ingest_failed"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(SpendLensError)
    async def _domain_error(request: Request, exc: SpendLensError) -> JSONResponse:
        if exc.status_code >= 500:
            logger.warning("upstream failure on %s: %s", request.url.path, exc.detail)
        return JSONResponse({"code": exc.code, "detail": exc.detail}, status_code=exc.status_code)
