"""Outbound integrations: payments (Paywell), door locks (Latchworks), printers, messaging, tax rates."""


class ClientError(Exception):
    """Base class for failures talking to an external provider."""


class PaymentError(ClientError):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class PaymentTransient(PaymentError):
    """5xx or rate limiting from the provider; safe to retry with the same idempotency key."""


class PaymentDeclined(PaymentError):
    def __init__(self, code: str) -> None:
        super().__init__(f"payment declined: {code}", status=402)
        self.code = code


class LockVendorError(ClientError):
    pass


class LockVendorTransient(LockVendorError):
    pass


class PrinterError(ClientError):
    pass


class MessagingError(ClientError):
    pass
