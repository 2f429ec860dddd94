"""Domain errors. The API layer maps them to HTTP responses in main.py."""
from __future__ import annotations


class DomainError(Exception):
    status_code = 400
    code = "domain_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class SlotUnavailable(DomainError):
    status_code = 409
    code = "slot_unavailable"


class HoldExpired(DomainError):
    status_code = 410
    code = "hold_expired"


class EligibilityUnavailable(DomainError):
    status_code = 503
    code = "eligibility_unavailable"


class RateLimited(DomainError):
    status_code = 429
    code = "rate_limited"


class Unauthorized(DomainError):
    status_code = 401
    code = "unauthorized"
