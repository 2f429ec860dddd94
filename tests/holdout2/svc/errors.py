"""Domain errors. The API layer maps them to HTTP responses in ``svc.main``."""
from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    status_code: int = 500
    code: str = "internal_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_payload(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, "details": self.details}


class NotFoundError(ServiceError):
    status_code = 404
    code = "not_found"


class ConflictError(ServiceError):
    status_code = 409
    code = "conflict"


class InvalidInputError(ServiceError):
    status_code = 422
    code = "invalid_input"


class AuthError(ServiceError):
    status_code = 401
    code = "unauthorized"


class RateLimitedError(ServiceError):
    status_code = 429
    code = "rate_limited"


class CapacityError(ServiceError):
    status_code = 503
    code = "over_capacity"


class UpstreamError(ServiceError):
    status_code = 502
    code = "upstream_error"
