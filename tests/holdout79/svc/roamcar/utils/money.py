"""Money helpers. Amounts are integer cents everywhere outside this module."""
from __future__ import annotations

from decimal import Decimal


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(cents) / 100


def round_cents(amount: Decimal) -> int:
    """Round a Decimal amount of cents to a whole number of cents, half up."""
    return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def format_amount(cents: int, currency: str) -> str:
    return f"{cents_to_decimal(cents):.2f} {currency}"
