"""Domain exceptions. They are translated to HTTP responses in svc.main."""
from __future__ import annotations


class SignflowError(Exception):
    status_code, code = 400, "bad_request"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.code
        super().__init__(self.message)


class NotFoundError(SignflowError):
    status_code, code = 404, "not_found"


class ConflictError(SignflowError):
    status_code, code = 409, "conflict"


class EnvelopeLockedError(ConflictError):
    code = "envelope_locked"


class AuthError(SignflowError):
    status_code, code = 401, "unauthorized"


class QuotaExceededError(SignflowError):
    status_code, code = 429, "quota_exceeded"


class ValidationFailed(SignflowError):
    status_code, code = 422, "validation_failed"


class UpstreamError(SignflowError):
    status_code, code = 502, "upstream_unavailable"
