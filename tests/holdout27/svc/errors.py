"""Domain errors. The API layer maps them to HTTP responses in ``main``."""

from __future__ import annotations

from typing import Any


class ClaimsError(Exception):
    status_code = 400
    code = "claims_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_payload(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class NotFoundError(ClaimsError):
    status_code = 404
    code = "not_found"


class ConflictError(ClaimsError):
    status_code = 409
    code = "conflict"


class PolicyInactiveError(ClaimsError):
    status_code = 422
    code = "policy_inactive"


class RateLimitedError(ClaimsError):
    status_code = 429
    code = "rate_limited"


class UpstreamUnavailableError(ClaimsError):
    status_code = 503
    code = "upstream_unavailable"


class PaymentDeclinedError(ClaimsError):
    status_code = 402
    code = "payment_declined"


class InvalidSignatureError(ClaimsError):
    status_code = 401
    code = "invalid_signature"
