"""Domain errors. The API layer maps them to HTTP responses in ``main``."""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400
    code = "domain_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(DomainError):
    status_code = 404
    code = "not_found"

    def __init__(self, entity: str, key: object) -> None:
        super().__init__(f"{entity} {key} not found")
        self.entity = entity
        self.key = key


class ConflictError(DomainError):
    status_code = 409
    code = "conflict"


class CapacityError(ConflictError):
    code = "course_full"


class RateLimitedError(DomainError):
    status_code = 429
    code = "rate_limited"


class InvalidSignatureError(DomainError):
    status_code = 400
    code = "invalid_signature"


class ExternalServiceError(DomainError):
    status_code = 502
    code = "upstream_error"

    def __init__(self, service: str, message: str) -> None:
        super().__init__(f"{service}: {message}")
        self.service = service
