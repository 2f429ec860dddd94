from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

class DeskhubError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra


class ValidationFailed(DeskhubError):
    status_code = 422
    code = "validation_failed"


class Unauthorized(DeskhubError):
    status_code = 401
    code = "unauthorized"


class Forbidden(DeskhubError):
    status_code = 403
    code = "forbidden"


class NotFound(DeskhubError):
    status_code = 404
    code = "not_found"


class Conflict(DeskhubError):
    status_code = 409
    code = "conflict"


class PaymentRequired(DeskhubError):
    status_code = 402
    code = "payment_required"


class TooManyRequests(DeskhubError):
    status_code = 429
    code = "rate_limited"


class UpstreamUnavailable(DeskhubError):
    status_code = 503
    code = "upstream_unavailable"


class UnknownPlan(NotFound):
    code = "unknown_plan"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DeskhubError)
    async def _deskhub_error(request: Request, exc: DeskhubError) -> JSONResponse:
        body = {"error": {"code": exc.code, "message": exc.message, **exc.extra}}
        return JSONResponse(body, status_code=exc.status_code)
