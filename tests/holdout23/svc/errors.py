"""Domain exceptions. The API layer maps them to HTTP responses in one place."""

from __future__ import annotations

from typing import Any


class TableBookError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFoundError(TableBookError):
    status_code = 404
    code = "not_found"


class ConflictError(TableBookError):
    status_code = 409
    code = "conflict"


class SlotUnavailableError(ConflictError):
    code = "slot_unavailable"


class ForbiddenError(TableBookError):
    status_code = 403
    code = "forbidden"


class RateLimitedError(TableBookError):
    status_code = 429
    code = "rate_limited"


class PaymentProviderError(TableBookError):
    status_code = 502
    code = "payment_provider_error"


class SmsDeliveryError(TableBookError):
    status_code = 502
    code = "sms_delivery_failed"


class UpstreamUnavailableError(TableBookError):
    status_code = 503
    code = "upstream_unavailable"
