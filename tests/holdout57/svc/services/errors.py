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


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class NotCovered(DomainError):
    status_code = 422
    code = "not_covered"


class ApprovalRequired(DomainError):
    status_code = 403
    code = "approval_required"


class UpstreamUnavailable(DomainError):
    status_code = 503
    code = "upstream_unavailable"
