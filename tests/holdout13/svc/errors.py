"""Domain error hierarchy, mapped to HTTP responses in ``svc.main``."""

from __future__ import annotations

from typing import Any


class StayError(Exception):
    status_code: int = 400
    code: str = "stay_error"

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFoundError(StayError):
    status_code = 404
    code = "not_found"


class ConflictError(StayError):
    status_code = 409
    code = "conflict"


class RoomUnavailableError(ConflictError):
    code = "room_unavailable"


class PaymentError(StayError):
    status_code = 402
    code = "payment_failed"


class UpstreamError(StayError):
    status_code = 502
    code = "upstream_failed"


class RateLimitedError(StayError):
    status_code = 429
    code = "rate_limited"


class AuthError(StayError):
    status_code = 401
    code = "unauthorized"
