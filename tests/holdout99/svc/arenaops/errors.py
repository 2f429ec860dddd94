from __future__ import annotations


class ArenaError(Exception):
    status_code = 400
    code = "arena_error"

    def __init__(self, message: str = "", **extra: object) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.extra = extra


class NotFound(ArenaError):
    status_code = 404
    code = "not_found"


class Conflict(ArenaError):
    status_code = 409
    code = "conflict"


class Forbidden(ArenaError):
    status_code = 403
    code = "forbidden"


class CheckInClosed(ArenaError):
    status_code = 409
    code = "checkin_closed"


class NotInMatch(ArenaError):
    status_code = 403
    code = "not_in_match"


class PublisherError(ArenaError):
    status_code = 502
    code = "publisher_unavailable"


class AccountLinkError(ArenaError):
    status_code = 400
    code = "account_link_failed"


class PaymentPartnerError(ArenaError):
    status_code = 502
    code = "payment_partner_error"


class PayoutFailed(ArenaError):
    status_code = 502
    code = "payout_failed"


class AntiCheatUnavailable(ArenaError):
    status_code = 503
    code = "anticheat_unavailable"


class BracketError(ArenaError):
    status_code = 422
    code = "bracket_error"
