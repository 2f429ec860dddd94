from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")


def to_money(value: Decimal | float | str) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_EVEN)


def payout(stake: Decimal, odds: Decimal) -> Decimal:
    return (stake * odds).quantize(CENT, rounding=ROUND_DOWN)


def implied_probability(odds: Decimal) -> Decimal:
    if odds <= 1:
        raise ValueError("decimal odds must be > 1")
    return Decimal(1) / odds


def fractional(odds: Decimal) -> str:
    """Decimal odds to the UK fractional display (nearest simple fraction)."""
    from fractions import Fraction

    frac = Fraction(odds - 1).limit_denominator(100)
    return f"{frac.numerator}/{frac.denominator}"


def american(odds: Decimal) -> str:
    if odds >= 2:
        return f"+{int((odds - 1) * 100)}"
    return f"-{int(100 / (odds - 1))}"
