from __future__ import annotations


class SeqcoreError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, detail: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFound(SeqcoreError):
    status_code = 404
    code = "not_found"


class Conflict(SeqcoreError):
    status_code = 409
    code = "conflict"


class SampleSheetError(SeqcoreError):
    status_code = 422
    code = "invalid_sample_sheet"


class UpstreamError(SeqcoreError):
    status_code = 502
    code = "upstream_error"


class SchedulerError(UpstreamError):
    code = "scheduler_error"


class FinanceError(UpstreamError):
    code = "finance_error"


class StorageError(UpstreamError):
    code = "storage_error"


class Forbidden(SeqcoreError):
    status_code = 403
    code = "forbidden"
