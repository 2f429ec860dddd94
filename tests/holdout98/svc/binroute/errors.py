from __future__ import annotations


class BinRouteError(Exception):
    status_code = 400
    code = "binroute_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(BinRouteError):
    status_code = 404
    code = "not_found"


class Conflict(BinRouteError):
    status_code = 409
    code = "conflict"


class PaymentDeclined(BinRouteError):
    status_code = 402
    code = "payment_declined"


class UpstreamUnavailable(BinRouteError):
    status_code = 503
    code = "upstream_unavailable"


class ProcessorError(Exception):
    """Raised by the card processor client on non-success responses."""
