"""Domain errors. Mapped to HTTP responses in ``svc.main``."""
from __future__ import annotations


class PortalError(Exception):
    status_code = 400
    code = "portal_error"

    def __init__(self, message: str = "") -> None:
        super().__init__(message or self.code)
        self.message = message or self.code


class PermitNotFoundError(PortalError):
    status_code = 404
    code = "permit_not_found"


class InspectionConflictError(PortalError):
    status_code = 409
    code = "inspection_conflict"


class PaymentDeclinedError(PortalError):
    status_code = 402
    code = "payment_declined"


class UpstreamUnavailableError(PortalError):
    status_code = 503
    code = "upstream_unavailable"


class InfectedUploadError(PortalError):
    status_code = 422
    code = "infected_upload"


class RateLimitedError(PortalError):
    status_code = 429
    code = "rate_limited"
