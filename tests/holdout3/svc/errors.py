"""Domain exceptions. The API maps every DomainError to a JSON error response."""
from __future__ import annotations


class DomainError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotFoundError(DomainError):
    status_code = 404
    code = "not_found"


class ConflictError(DomainError):
    status_code = 409
    code = "conflict"


class InsufficientStockError(ConflictError):
    code = "insufficient_stock"


class PayoutRejectedError(DomainError):
    status_code = 422
    code = "payout_rejected"


class AuthenticationError(DomainError):
    status_code = 401
    code = "unauthenticated"


class PermissionDeniedError(DomainError):
    status_code = 403
    code = "forbidden"


class RateLimitedError(DomainError):
    status_code = 429
    code = "rate_limited"


class ProviderError(DomainError):
    status_code = 502
    code = "provider_error"


class ProviderUnavailableError(ProviderError):
    status_code = 503
    code = "provider_unavailable"
