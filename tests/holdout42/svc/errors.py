from __future__ import annotations

class DomainError(Exception):
    """Base class for errors that map onto a client-visible response."""

    status_code = 400


class NotFound(DomainError):
    status_code = 404


class InvalidReading(DomainError):
    status_code = 422


class BillingError(DomainError):
    status_code = 409


class PaymentError(DomainError):
    status_code = 402


class PaymentDeclined(PaymentError):
    pass


class ProviderUnavailable(PaymentError):
    status_code = 503


class GatewayUnreachable(DomainError):
    status_code = 504


class RateLimited(DomainError):
    status_code = 429
