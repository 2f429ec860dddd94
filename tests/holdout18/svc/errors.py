"""Domain errors; ``svc.main`` maps them to HTTP responses."""
from __future__ import annotations


class TicketingError(Exception):
    code = "ticketing_error"
    status_code = 400

    def __init__(self, message: str, *, detail: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class NotFound(TicketingError):
    code = "not_found"
    status_code = 404


class SeatUnavailable(TicketingError):
    code = "seat_unavailable"
    status_code = 409


class HoldExpired(TicketingError):
    code = "hold_expired"
    status_code = 410


class PromoExhausted(TicketingError):
    code = "promo_exhausted"
    status_code = 409


class PaymentDeclined(TicketingError):
    code = "payment_declined"
    status_code = 402


class PaymentProviderError(TicketingError):
    code = "payment_provider_error"
    status_code = 502


class FraudRejected(TicketingError):
    code = "fraud_rejected"
    status_code = 403


class RateLimited(TicketingError):
    code = "rate_limited"
    status_code = 429


class QueueNotAdmitted(TicketingError):
    code = "queue_not_admitted"
    status_code = 403


class TicketAlreadyUsed(TicketingError):
    code = "ticket_already_used"
    status_code = 409
