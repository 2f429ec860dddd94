"""Domain exceptions. The HTTP layer maps them to responses in ``svc.main``."""
from __future__ import annotations

from typing import Any


class HelpdeskError(Exception):
    status_code: int = 500
    code: str = "internal_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFoundError(HelpdeskError):
    status_code = 404
    code = "not_found"


class ConflictError(HelpdeskError):
    status_code = 409
    code = "conflict"


class ValidationFailed(HelpdeskError):
    status_code = 422
    code = "validation_failed"


class Unauthorized(HelpdeskError):
    status_code = 401
    code = "unauthorized"


class Forbidden(HelpdeskError):
    status_code = 403
    code = "forbidden"


class RateLimited(HelpdeskError):
    status_code = 429
    code = "rate_limited"


class DependencyUnavailable(HelpdeskError):
    status_code = 503
    code = "dependency_unavailable"


class CircuitOpenError(DependencyUnavailable):
    code = "circuit_open"
