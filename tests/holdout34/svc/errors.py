"""Domain exceptions. Routers translate them through the handlers in ``main``."""
from __future__ import annotations

from typing import Any


class LiveScoreError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str = "", *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.detail = detail or {}

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.detail}


class NotFoundError(LiveScoreError):
    status_code = 404
    code = "not_found"


class ConflictError(LiveScoreError):
    status_code = 409
    code = "conflict"


class InvalidRequestError(LiveScoreError):
    status_code = 422
    code = "invalid_request"


class AuthError(LiveScoreError):
    status_code = 401
    code = "unauthorized"


class RateLimitedError(LiveScoreError):
    status_code = 429
    code = "rate_limited"


class UpstreamError(LiveScoreError):
    status_code = 502
    code = "upstream_error"

    def __init__(self, provider: str, message: str = "", **kwargs: Any) -> None:
        super().__init__(message or f"{provider} failed", **kwargs)
        self.provider = provider


class UpstreamTimeoutError(UpstreamError):
    status_code = 504
    code = "upstream_timeout"


class CircuitOpenError(UpstreamError):
    status_code = 503
    code = "circuit_open"


class SettlementError(LiveScoreError):
    code = "settlement_failed"
