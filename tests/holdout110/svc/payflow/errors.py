from __future__ import annotations


class PayflowError(Exception):
    status_code = 400
    code = "payflow_error"

    def __init__(self, message: str, *, details: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFound(PayflowError):
    status_code = 404
    code = "not_found"


class Conflict(PayflowError):
    status_code = 409
    code = "conflict"


class Forbidden(PayflowError):
    status_code = 403
    code = "forbidden"


class InvalidState(PayflowError):
    status_code = 409
    code = "invalid_state"


class UpstreamError(PayflowError):
    status_code = 502
    code = "upstream_error"


class PaymentsError(UpstreamError):
    code = "payments_error"


class AccountingSyncError(UpstreamError):
    code = "accounting_sync_error"


class StorageError(UpstreamError):
    code = "storage_error"


class RateLimited(PayflowError):
    status_code = 429
    code = "rate_limited"
