"""Domain errors. The API layer maps these to HTTP responses."""
from __future__ import annotations


class AppError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str = "", **details: object) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.details = details


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class RateLimitExceeded(AppError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, retry_after: int) -> None:
        super().__init__("rate limit exceeded", retry_after=retry_after)
        self.retry_after = retry_after


class UploadTooLarge(AppError):
    status_code = 413
    code = "upload_too_large"


class DependencyUnavailable(AppError):
    status_code = 503
    code = "dependency_unavailable"
