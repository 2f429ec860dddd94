from __future__ import annotations


class PulsewatchError(Exception):
    status_code = 400
    code = "error"

    def __init__(self, message: str, *, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFound(PulsewatchError):
    status_code = 404
    code = "not_found"


class MonitorNotFound(NotFound):
    code = "monitor_not_found"


class IncidentNotFound(NotFound):
    code = "incident_not_found"


class StatusPageNotFound(NotFound):
    code = "status_page_not_found"


class Conflict(PulsewatchError):
    status_code = 409
    code = "conflict"


class PlanLimitExceeded(PulsewatchError):
    status_code = 402
    code = "plan_limit"


class QuotaExceeded(PulsewatchError):
    status_code = 429
    code = "quota_exceeded"


class Unauthorized(PulsewatchError):
    status_code = 401
    code = "unauthorized"


class Forbidden(PulsewatchError):
    status_code = 403
    code = "forbidden"


class TooManyRequests(PulsewatchError):
    status_code = 429
    code = "rate_limited"


class UpstreamError(PulsewatchError):
    status_code = 502
    code = "upstream_error"


class DeliveryFailed(UpstreamError):
    code = "delivery_failed"


class CircuitOpen(UpstreamError):
    status_code = 503
    code = "circuit_open"
