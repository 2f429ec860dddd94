from __future__ import annotations


class GatekeepError(Exception):
    status_code = 400
    code = "gatekeep_error"

    def __init__(self, message: str = "", **context: object) -> None:
        super().__init__(message or self.code)
        self.context = context


class NotFound(GatekeepError):
    status_code = 404
    code = "not_found"


class DoorNotFound(NotFound):
    code = "door_not_found"


class VisitorNotFound(NotFound):
    code = "visitor_not_found"


class CredentialConflict(GatekeepError):
    status_code = 409
    code = "credential_conflict"


class AccessDenied(GatekeepError):
    status_code = 403
    code = "access_denied"


class OccupancyExceeded(AccessDenied):
    code = "occupancy_exceeded"


class PassbackViolation(AccessDenied):
    code = "passback_violation"


class ControllerUnavailable(GatekeepError):
    status_code = 503
    code = "controller_unavailable"


class ProviderError(GatekeepError):
    status_code = 502
    code = "provider_error"


class InvalidBatch(GatekeepError):
    status_code = 422
    code = "invalid_batch"
