"""Domain errors, mapped to HTTP responses by the app's exception handler."""
from __future__ import annotations

from typing import Any


class FleetError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, "details": self.details}


class NotFound(FleetError):
    status_code = 404
    code = "not_found"


class DeviceNotFound(NotFound):
    code = "device_not_found"


class Conflict(FleetError):
    status_code = 409
    code = "conflict"


class Unauthorized(FleetError):
    status_code = 401
    code = "unauthorized"


class RateLimited(FleetError):
    status_code = 429
    code = "rate_limited"


class ValidationFailed(FleetError):
    status_code = 422
    code = "validation_failed"


class UpstreamUnavailable(FleetError):
    status_code = 503
    code = "upstream_unavailable"
