"""Domain errors. The API layer maps them to HTTP responses (see ``svc.main``)."""

from __future__ import annotations


class ParcelError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFoundError(ParcelError):
    status_code = 404
    code = "not_found"


class ConflictError(ParcelError):
    status_code = 409
    code = "conflict"


class InvalidTransitionError(ConflictError):
    code = "invalid_transition"


class ValidationFailedError(ParcelError):
    status_code = 422
    code = "validation_failed"


class UpstreamError(ParcelError):
    status_code = 502
    code = "upstream_error"


class CarrierUnavailableError(UpstreamError):
    status_code = 503
    code = "carrier_unavailable"


class CapacityError(ParcelError):
    status_code = 503
    code = "capacity_exhausted"
