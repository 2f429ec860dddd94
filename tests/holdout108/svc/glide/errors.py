from __future__ import annotations


class GlideError(Exception):
    status_code = 400
    code = "glide_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(GlideError):
    status_code = 404
    code = "not_found"


class Conflict(GlideError):
    status_code = 409
    code = "conflict"


class Unauthorized(GlideError):
    status_code = 401
    code = "unauthorized"


class Forbidden(GlideError):
    status_code = 403
    code = "forbidden"


class TooManyRequests(GlideError):
    status_code = 429
    code = "rate_limited"


class InsufficientFunds(GlideError):
    status_code = 402
    code = "insufficient_funds"


class PaymentDeclined(GlideError):
    status_code = 402
    code = "payment_declined"


class VehicleUnavailable(GlideError):
    status_code = 409
    code = "vehicle_unavailable"


class UpstreamError(GlideError):
    status_code = 502
    code = "upstream_error"


class CircuitOpen(UpstreamError):
    code = "circuit_open"
