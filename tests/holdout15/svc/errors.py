"""Domain errors. The API maps them to HTTP responses in one exception handler."""
from __future__ import annotations


class FoodlyError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message or self.code


class NotFound(FoodlyError):
    status_code = 404
    code = "not_found"


class Conflict(FoodlyError):
    status_code = 409
    code = "conflict"


class PaymentDeclined(FoodlyError):
    status_code = 402
    code = "payment_declined"


class UpstreamUnavailable(FoodlyError):
    status_code = 503
    code = "upstream_unavailable"
