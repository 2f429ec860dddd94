"""Domain errors and their HTTP mapping."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse


class RemitError(Exception):
    status_code = 400
    code = "remit_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(RemitError):
    status_code = 404
    code = "not_found"


class QuoteExpired(RemitError):
    status_code = 409
    code = "quote_expired"


class QuoteUnavailable(RemitError):
    status_code = 503
    code = "quote_unavailable"


class LimitExceeded(RemitError):
    status_code = 422
    code = "limit_exceeded"


class KycRequired(RemitError):
    status_code = 403
    code = "kyc_required"


class ScreeningBlocked(RemitError):
    status_code = 451
    code = "screening_blocked"


class FundingDeclined(RemitError):
    status_code = 402
    code = "funding_declined"


class PartnerError(RemitError):
    status_code = 502
    code = "partner_error"


class PartnerFileError(RemitError):
    code = "partner_file_error"


class LedgerImbalance(RemitError):
    status_code = 500
    code = "ledger_imbalance"


async def remit_error_handler(request: Request, exc: RemitError) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": exc.code, "message": exc.message}},
        status_code=exc.status_code,
    )
