from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class FreightError(Exception):
    status_code = 400
    code = "freight_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.code)
        self.message = message or self.code


class NotFound(FreightError):
    status_code = 404
    code = "not_found"


class LoadNotFound(NotFound):
    code = "load_not_found"

    def __init__(self, load_id) -> None:
        super().__init__(f"load {load_id} not found")


class CarrierNotFound(NotFound):
    code = "carrier_not_found"


class Conflict(FreightError):
    status_code = 409
    code = "conflict"


class ComplianceFailed(FreightError):
    status_code = 422
    code = "carrier_not_compliant"


class UpstreamUnavailable(FreightError):
    status_code = 503
    code = "upstream_unavailable"


class RateLimited(FreightError):
    status_code = 429
    code = "rate_limited"


def install(app: FastAPI) -> None:
    @app.exception_handler(FreightError)
    async def _freight_error(request: Request, exc: FreightError) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "detail": exc.message})
