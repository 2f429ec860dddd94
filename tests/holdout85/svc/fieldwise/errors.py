from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse


class FieldwiseError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message or self.code


class NotFound(FieldwiseError):
    status_code = 404
    code = "not_found"


class Conflict(FieldwiseError):
    status_code = 409
    code = "conflict"


class IngestionError(FieldwiseError):
    status_code = 422
    code = "invalid_payload"


class UpstreamError(FieldwiseError):
    status_code = 502
    code = "upstream_unavailable"


class ValveError(UpstreamError):
    code = "valve_gateway_error"


async def fieldwise_error_handler(request: Request, exc: FieldwiseError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "detail": exc.message})
