from __future__ import annotations


class StacksError(Exception):
    status_code = 400
    code = "stacks_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotFound(StacksError):
    status_code = 404
    code = "not_found"


class LimitReached(StacksError):
    status_code = 409
    code = "limit_reached"


class PatronBlocked(StacksError):
    status_code = 403
    code = "patron_blocked"


class LicenceUnavailable(StacksError):
    status_code = 409
    code = "licence_unavailable"


class UpstreamError(StacksError):
    status_code = 502
    code = "upstream_error"


class PaymentDeclined(StacksError):
    status_code = 402
    code = "payment_declined"
