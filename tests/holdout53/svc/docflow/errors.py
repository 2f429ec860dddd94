from __future__ import annotations


class DocflowError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, detail: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFound(DocflowError):
    status_code = 404
    code = "not_found"


class Forbidden(DocflowError):
    status_code = 403
    code = "forbidden"


class QuotaExceeded(DocflowError):
    status_code = 402
    code = "quota_exceeded"


class Conflict(DocflowError):
    status_code = 409
    code = "conflict"


class UpstreamError(DocflowError):
    status_code = 502
    code = "upstream_error"


class StorageError(UpstreamError):
    code = "storage_error"


class RenderError(UpstreamError):
    code = "render_error"
