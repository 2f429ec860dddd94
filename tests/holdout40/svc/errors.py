from fastapi import Request
from fastapi.responses import JSONResponse


class OpsError(Exception):
    status_code = 400
    code = "ops_error"

    def __init__(self, message: str, **context):
        super().__init__(message)
        self.message = message
        self.context = context


class NotFound(OpsError):
    status_code = 404
    code = "not_found"


class SeatUnavailable(OpsError):
    status_code = 409
    code = "seat_unavailable"


class HoldLimitExceeded(OpsError):
    status_code = 429
    code = "hold_limit"


class CheckinClosed(OpsError):
    status_code = 409
    code = "checkin_closed"


class PartnerError(OpsError):
    status_code = 502
    code = "partner_error"


async def ops_error_handler(request: Request, exc: OpsError) -> JSONResponse:
    return JSONResponse(
        status_code=exc.status_code,
        content={"error": exc.code, "message": exc.message, **exc.context},
    )
