"""Domain errors. The HTTP layer maps them to responses in ``svc.main``."""
from __future__ import annotations

from typing import Any


class GameError(Exception):
    status_code = 400
    code = "game_error"

    def __init__(self, message: str = "", *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.details = details or {}

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, "details": self.details}


class AuthError(GameError):
    status_code = 401
    code = "unauthorized"


class ForbiddenError(GameError):
    status_code = 403
    code = "forbidden"


class NotFoundError(GameError):
    status_code = 404
    code = "not_found"


class ConflictError(GameError):
    status_code = 409
    code = "conflict"


class AlreadyQueuedError(ConflictError):
    code = "already_queued"


class LobbyFullError(ConflictError):
    code = "lobby_full"


class PartyFullError(ConflictError):
    code = "party_full"


class InsufficientItemsError(ConflictError):
    code = "insufficient_items"


class RewardAlreadyClaimedError(ConflictError):
    code = "reward_already_claimed"


class PaymentDeclinedError(GameError):
    status_code = 402
    code = "payment_declined"


class RateLimitedError(GameError):
    status_code = 429
    code = "rate_limited"


class DependencyUnavailableError(GameError):
    status_code = 503
    code = "dependency_unavailable"
