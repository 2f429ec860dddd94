from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse


class PodhostError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(PodhostError):
    status_code = 404
    code = "not_found"


class Conflict(PodhostError):
    status_code = 409
    code = "conflict"


class Forbidden(PodhostError):
    status_code = 403
    code = "forbidden"


class EncoderError(PodhostError):
    status_code = 502
    code = "encoder_error"


class AdServerError(PodhostError):
    status_code = 502
    code = "ad_server_error"


class PaymentProviderError(PodhostError):
    status_code = 502
    code = "payment_provider_error"


class InsufficientBalance(PodhostError):
    status_code = 409
    code = "insufficient_balance"


async def podhost_error_handler(request: Request, exc: PodhostError) -> JSONResponse:
    return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "detail": exc.message})
