"""Domain exceptions, mapped to HTTP responses in ``svc.main``."""
from __future__ import annotations


class RentalsError(Exception):
    status_code = 400
    code = "rentals_error"

    def __init__(self, message: str = "", *, detail: dict | None = None) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.detail = detail or {}


class NotFound(RentalsError):
    status_code = 404
    code = "not_found"


class Conflict(RentalsError):
    status_code = 409
    code = "conflict"


class ListingUnavailable(Conflict):
    code = "listing_unavailable"


class RateLimited(RentalsError):
    status_code = 429
    code = "rate_limited"


class UpstreamUnavailable(RentalsError):
    status_code = 503
    code = "upstream_unavailable"


class VerificationFailed(RentalsError):
    status_code = 422
    code = "verification_failed"


class DocumentRejected(RentalsError):
    status_code = 422
    code = "document_rejected"
