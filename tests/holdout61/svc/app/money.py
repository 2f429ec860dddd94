from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HOUR_PRECISION = Decimal("0.01")


def quantize(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    return int(quantize(amount) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def hours(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(HOUR_PRECISION, rounding=ROUND_HALF_UP)


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    """Split an amount into `parts` cent-exact shares; the remainder goes to the first shares."""
    if parts <= 0:
        raise ValueError("parts must be positive")
    cents = to_cents(total)
    base, remainder = divmod(cents, parts)
    return [from_cents(base + (1 if i < remainder else 0)) for i in range(parts)]
