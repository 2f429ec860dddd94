from __future__ import annotations

import logging

from litestar import Request, Response
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_403_FORBIDDEN,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_429_TOO_MANY_REQUESTS,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)

log = logging.getLogger(__name__)


class DomainError(Exception):
    status_code = HTTP_400_BAD_REQUEST
    code = "bad_request"

    def __init__(self, message: str, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra


class NotFound(DomainError):
    status_code = HTTP_404_NOT_FOUND
    code = "not_found"


class Forbidden(DomainError):
    status_code = HTTP_403_FORBIDDEN
    code = "forbidden"


class Conflict(DomainError):
    status_code = HTTP_409_CONFLICT
    code = "conflict"


class ValidationFailed(DomainError):
    code = "validation_failed"


class RateLimited(DomainError):
    status_code = HTTP_429_TOO_MANY_REQUESTS
    code = "rate_limited"


class UpstreamUnavailable(DomainError):
    status_code = HTTP_503_SERVICE_UNAVAILABLE
    code = "upstream_unavailable"


class JudgeRunnerError(Exception):
    """Raised by the judge runner client for transport or protocol errors."""


def domain_error_handler(request: Request, exc: DomainError) -> Response:
    return Response(
        content={"error": exc.code, "message": exc.message, **exc.extra},
        status_code=exc.status_code,
    )


def internal_error_handler(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return Response(
        content={"error": "internal", "message": "internal server error"},
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
    )


exception_handlers = {
    DomainError: domain_error_handler,
    HTTP_500_INTERNAL_SERVER_ERROR: internal_error_handler,
}
