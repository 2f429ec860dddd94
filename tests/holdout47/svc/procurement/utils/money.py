from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")

# ISO 4217 minor units for the currencies we settle in.
MINOR_UNITS = {"EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "JPY": 0, "SEK": 2, "PLN": 2}


def quantize(amount: Decimal, currency: str) -> Decimal:
    digits = MINOR_UNITS.get(currency, 2)
    exp = Decimal(1).scaleb(-digits)
    return amount.quantize(exp, rounding=ROUND_HALF_EVEN)


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_EVEN)


def within_tolerance(expected: Decimal, actual: Decimal, pct: Decimal = Decimal("0.02")) -> bool:
    if expected == ZERO:
        return actual == ZERO
    return abs(actual - expected) / expected <= pct
