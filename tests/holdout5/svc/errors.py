"""Domain errors and their HTTP mapping."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class DispatchError(Exception):
    status_code = 400
    code = "dispatch_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.code)
        self.message = message or self.code


class NotFoundError(DispatchError):
    status_code = 404
    code = "not_found"


class RideNotFoundError(NotFoundError):
    code = "ride_not_found"

    def __init__(self, ride_id: int) -> None:
        super().__init__(f"ride {ride_id} not found")
        self.ride_id = ride_id


class DriverNotFoundError(NotFoundError):
    code = "driver_not_found"


class ConflictError(DispatchError):
    status_code = 409
    code = "conflict"


class RideStateError(ConflictError):
    code = "invalid_ride_state"


class RateLimitedError(DispatchError):
    status_code = 429
    code = "rate_limited"


class PaymentDeclinedError(DispatchError):
    status_code = 402
    code = "payment_declined"


class UpstreamUnavailableError(DispatchError):
    status_code = 503
    code = "upstream_unavailable"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(DispatchError)
    async def _dispatch_error(request: Request, exc: DispatchError) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, content={"error": exc.code, "detail": exc.message})
