class PaymentFailed(Exception):
    """The card could not be charged (declined or the gateway was unreachable)."""


class HoldFailed(Exception):
    """The operator did not confirm the seats."""
