from __future__ import annotations


class ARError(Exception):
    """Base class for domain errors; mapped to HTTP responses in ``main``."""

    status_code = 400
    code = "ar_error"

    def __init__(self, message: str, *, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFoundError(ARError):
    status_code = 404
    code = "not_found"


class ConflictError(ARError):
    status_code = 409
    code = "conflict"


class DuplicatePayment(ConflictError):
    code = "duplicate_payment"


class CreditLimitExceeded(ConflictError):
    code = "credit_limit_exceeded"


class InvalidStatement(ARError):
    status_code = 422
    code = "invalid_statement"


class UpstreamUnavailable(ARError):
    status_code = 503
    code = "upstream_unavailable"


class AuthError(ARError):
    status_code = 401
    code = "unauthorized"
