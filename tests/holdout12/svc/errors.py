"""Domain exceptions. The API layer maps them to HTTP responses in main.py."""
from typing import Any


class StreamHubError(Exception):
    status_code: int = 500
    code: str = "internal_error"

    def __init__(self, message: str = "", **context: Any) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.context = context


class NotFound(StreamHubError):
    status_code = 404
    code = "not_found"


class Conflict(StreamHubError):
    status_code = 409
    code = "conflict"


class EntitlementDenied(StreamHubError):
    status_code = 403
    code = "entitlement_required"


class InsufficientBalance(StreamHubError):
    status_code = 409
    code = "insufficient_balance"


class UploadRejected(StreamHubError):
    status_code = 422
    code = "upload_rejected"


class UpstreamUnavailable(StreamHubError):
    status_code = 503
    code = "upstream_unavailable"


class PaymentProviderError(UpstreamUnavailable):
    code = "payment_provider_error"
