"""Domain exceptions, translated to HTTP responses in ``svc.main``."""

from __future__ import annotations

from typing import Any


class GameError(Exception):
    status_code: int = 400
    code: str = "game_error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, "details": self.details}


class NotFoundError(GameError):
    status_code = 404
    code = "not_found"


class ConflictError(GameError):
    status_code = 409
    code = "conflict"


class InsufficientFundsError(GameError):
    status_code = 402
    code = "insufficient_funds"


class PaymentDeclinedError(GameError):
    status_code = 402
    code = "payment_declined"


class RateLimitedError(GameError):
    status_code = 429
    code = "rate_limited"


class AuthError(GameError):
    status_code = 401
    code = "unauthorized"


class UpstreamUnavailableError(GameError):
    status_code = 503
    code = "upstream_unavailable"
