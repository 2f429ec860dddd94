from __future__ import annotations

from typing import Any


class PaymentsError(Exception):
    """Base class for domain errors; mapped to HTTP responses in ``svc.main``."""

    status_code = 400
    code = "payments_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFoundError(PaymentsError):
    status_code = 404
    code = "not_found"


class ConflictError(PaymentsError):
    status_code = 409
    code = "conflict"


class InsufficientFundsError(PaymentsError):
    status_code = 422
    code = "insufficient_funds"


class LimitExceededError(PaymentsError):
    status_code = 429
    code = "limit_exceeded"


class InvalidPinError(PaymentsError):
    status_code = 403
    code = "invalid_pin"


class KycRejectedError(PaymentsError):
    status_code = 403
    code = "kyc_required"


class AuthError(PaymentsError):
    status_code = 401
    code = "unauthorized"


class UpstreamError(PaymentsError):
    status_code = 502
    code = "upstream_error"


class CircuitOpenError(PaymentsError):
    status_code = 503
    code = "dependency_unavailable"
