"""Domain errors. The HTTP layer maps them to status codes in middleware.register_error_handlers."""
from __future__ import annotations


class GlossaError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message or self.code


class NotFound(GlossaError):
    status_code = 404
    code = "not_found"


class Conflict(GlossaError):
    status_code = 409
    code = "conflict"


class SegmentLocked(Conflict):
    code = "segment_locked"


class LockBusy(Conflict):
    code = "busy"


class ImportRejected(GlossaError):
    status_code = 422
    code = "import_rejected"


class ParseError(GlossaError):
    status_code = 422
    code = "parse_error"

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


class QuotaExceeded(GlossaError):
    status_code = 402
    code = "quota_exceeded"


class ProviderError(GlossaError):
    status_code = 502
    code = "provider_error"

    def __init__(self, provider: str, message: str, retryable: bool = False) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.retryable = retryable


class ExportFailed(GlossaError):
    status_code = 500
    code = "export_failed"


class GitSyncError(GlossaError):
    status_code = 502
    code = "git_sync_failed"
